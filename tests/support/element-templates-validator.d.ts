// @bpmn-io/element-templates-validator ships no type declarations.
declare module '@bpmn-io/element-templates-validator' {
  export function validateZeebe(template: unknown): { valid: boolean; errors?: unknown[] };
}
