export { createSimulator, PortInUseError, type Simulator, type SimulatorOptions } from "./simulator";
export { manualClock, type Clock, type ManualClock } from "./clock";
export * from "./credentials";
