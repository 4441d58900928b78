export { gateBuffer, gateStream, DEFAULT_GATE_TIMEOUT_MS, type GateOptions, type GateResult } from './gate.js';
export { resolvePolicy, findingBlocks, labelOf, maxLabel, DEFAULT_POLICY, LABEL_ORDER, type Policy, type PolicyInput, type DetectorRule, type FileLabel } from './policy.js';
export { verdictOf, MAX_VERDICT_FINDINGS, type Verdict, type Decision, type BlockReason, type GateFinding, type AbortCause } from './verdict.js';
