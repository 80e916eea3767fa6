import { describe, expect, it } from "vitest";
import { limitPoints, pagePoint } from "./drawing";

describe("ink points", () => {
  it("keeps strokes within the API's 5,000 points, first and last included", () => {
    const points = Array.from({ length: 12_345 }, (_, i) => i);

    const limited = limitPoints(points);

    expect(limited.length).toBe(5000);
    expect(limited[0]).toBe(0);
    expect(limited[4999]).toBe(12_344);
  });

  it("leaves short strokes alone and clamps positions to the page", () => {
    expect(limitPoints([1, 2, 3])).toEqual([1, 2, 3]);
    const box = { left: 10, top: 20, width: 100, height: 200 } as DOMRect;
    expect(pagePoint({ clientX: 60, clientY: 120 }, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(pagePoint({ clientX: 500, clientY: 0 }, box)).toEqual({ x: 1, y: 0 });
  });
});
