import { describe, expect, it } from "vitest";
import { createLogger, graphileLogger } from "./logger";

describe("graphileLogger", () => {
  it("binds the job scope, reduces job rows to ids and logs successes at debug", () => {
    const lines: Record<string, unknown>[] = [];
    const base = createLogger("debug", {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const logger = graphileLogger(base).scope({ workerId: "w1", taskIdentifier: "send-invitation-email", jobId: "42" });
    const job = {
      id: "42",
      task_identifier: "send-invitation-email",
      attempts: 1,
      max_attempts: 25,
      payload: { email: "a@b.c" },
    };

    logger.info("Completed task 42", { job, success: true, duration: 3 });
    logger.error("Failed task 42", { job, error: new Error("smtp down"), failure: true });
    logger.warn("Pool is slow");

    expect(lines[0]).toMatchObject({
      level: 20,
      workerId: "w1",
      task: "send-invitation-email",
      jobId: "42",
      duration: 3,
    });
    expect(lines[1]).toMatchObject({
      level: 50,
      jobId: "42",
      attempt: 1,
      maxAttempts: 25,
      err: { message: "smtp down" },
    });
    expect(lines[2]).toMatchObject({ level: 40, msg: "Pool is slow" });
    expect(JSON.stringify(lines)).not.toContain("a@b.c");
  });
});
