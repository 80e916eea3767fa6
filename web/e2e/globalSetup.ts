// One local system for all browser tests (starting it takes a build and a cluster): started before the first file,
// stopped after the last. The tests get its address through `inject("url")`, and the school of their own (its people
// rostered here, as a school administrator would) through `inject("school")`.
import type { TestProject } from "vitest/node";
import { startLocalSystem } from "./system";
import { rosterSchool } from "./api";

declare module "vitest" {
  export interface ProvidedContext {
    url: string;
    runDir: string;
    silos: number;
    school: string;
  }
}

export default async function setup(project: TestProject) {
  const system = await startLocalSystem(2);
  try {
    // A fresh school per run, so a run against an already running system (ACTORS_E2E_URL) starts from nothing too.
    const school = `e2e-${Date.now().toString(36)}`;
    await rosterSchool(system.url, school);
    project.provide("url", system.url);
    project.provide("runDir", system.runDir);
    project.provide("silos", system.silos);
    project.provide("school", school);
  } catch (e) {
    await system.stop();
    throw e;
  }
  return () => system.stop();
}
