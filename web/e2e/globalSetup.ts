// One local system for all browser tests (starting it takes a build and a cluster): started before the first file,
// stopped after the last. The tests get its address through `inject("url")`.
import type { TestProject } from "vitest/node";
import { startLocalSystem } from "./system";

declare module "vitest" {
  export interface ProvidedContext {
    url: string;
    runDir: string;
    silos: number;
  }
}

export default async function setup(project: TestProject) {
  const system = await startLocalSystem(2);
  project.provide("url", system.url);
  project.provide("runDir", system.runDir);
  project.provide("silos", system.silos);
  return () => system.stop();
}
