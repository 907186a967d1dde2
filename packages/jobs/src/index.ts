export type { JobDeps, TaskContext } from "./context";
export { enqueue, jobPriority, InvalidJobPayloadError, type EnqueueOptions } from "./enqueue";
export { createJobDeps } from "./deps";
export { createMailer, type Mail, type Mailer } from "./mailer";
export { taskPayloads, type TaskName, type TaskPayload } from "./payloads";
export { createTaskList, crontab, invitationLink } from "./tasks";
