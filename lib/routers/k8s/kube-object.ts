// Kubernetes objects as Switchyard writes and reads them: JSON whose shape each CRD defines.
// TypeScript can't know those shapes; the pinned CRD schemas check them instead
// (validate-manifest.ts, in tests and before anything is applied).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked by the CRD schema, not by TypeScript
export type KubeObject = Record<string, any>;
