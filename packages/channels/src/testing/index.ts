export { testChannelEnv } from "./env";
export { startSimulator, type RunningSimulator } from "./simulator";
