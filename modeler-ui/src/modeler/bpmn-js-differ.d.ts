// bpmn-js-differ ships no type declarations: what version-diff.ts uses of it.
declare module 'bpmn-js-differ' {
  interface ChangeSet {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, { model: unknown; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, unknown>;
  }
  /** Compares two moddle `bpmn:Definitions`; ids identify elements across them. */
  export function diff(before: object, after: object): ChangeSet;
}
