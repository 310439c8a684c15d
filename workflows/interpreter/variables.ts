/**
 * Variable scopes, as Camunda 8 has them: the process scope, then one per subprocess run and
 * per multi-instance run, nested. An expression sees every variable of its scope and of the
 * scopes around it (the inner one wins). A variable that an activity or an agent sets goes to
 * the nearest scope that already has it, else to the process scope (Camunda's propagation);
 * input mappings and a multi-instance run's input element are local to their scope.
 */
export type Variables = Record<string, unknown>;

export class VariableScope {
  constructor(
    /** `process`, or `<element id>#<occurrence>` for inner scopes. */
    readonly key: string,
    /** The values of this scope only (the instance state shows this very object). */
    readonly local: Variables,
    readonly parent?: VariableScope,
  ) {}

  /** Every variable visible from here, inner scopes shadowing outer ones. */
  visible(): Variables {
    return this.parent ? { ...this.parent.visible(), ...this.local } : { ...this.local };
  }

  /** Sets each variable where it lives (nearest scope that has it), else in the process scope. */
  propagate(values: Variables): void {
    for (const [name, value] of Object.entries(values)) this.holderOf(name).local[name] = value;
  }

  /** The nearest scope, from this one out, that has `name`; else the process scope. */
  private holderOf(name: string): VariableScope {
    if (Object.hasOwn(this.local, name) || !this.parent) return this;
    return this.parent.holderOf(name);
  }

  setLocal(values: Variables): void {
    Object.assign(this.local, values);
  }
}
