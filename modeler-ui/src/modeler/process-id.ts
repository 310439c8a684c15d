import type Modeler from 'bpmn-js/lib/Modeler';

/** The id of the diagram's (executable) process: the key it is drafted and deployed under, and the name of its files. */
export function processIdOf(modeler: Modeler): string | undefined {
  const rootElements: { $type: string; id: string; isExecutable?: boolean }[] = modeler.getDefinitions()?.rootElements ?? [];
  const processes = rootElements.filter((element) => element.$type === 'bpmn:Process');
  return (processes.find((process) => process.isExecutable) ?? processes[0])?.id;
}
