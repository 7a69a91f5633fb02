import { afterAll, beforeAll, inject } from "vitest";
import { holdLab, type LabHold } from "./client.js";
import { labLockMode } from "./modes.js";

// A setup file of the integration project: each test file holds the lab in
// its mode (./modes) for as long as it runs, so files that share the lab
// safely run at once and the others wait for their turn.

declare module "vitest" {
  export interface ProvidedContext {
    labLockPort: number;
  }
}

let hold: LabHold | undefined;

// vitest wants the context destructured; the suite (its file) is all this needs.
beforeAll(async ({}, suite) => {
  hold = await holdLab(inject("labLockPort"), labLockMode(suite.file.filepath));
});

afterAll(() => {
  hold?.release();
  hold = undefined;
});
