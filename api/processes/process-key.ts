/** Which process a draft belongs to: the id (and name) of the diagram's executable process, as deploying will read them. */
import { elementList, readBpmnXml } from '../../compiler/bpmn-xml';
import { problems } from '../problems';

export async function processOf(bpmnXml: string): Promise<{ key: string; name: string | null }> {
  const read = await readBpmnXml(bpmnXml);
  const processes = read.ok ? elementList(read.definitions.rootElements).filter((e) => e.$type === 'bpmn:Process') : [];
  const executable = processes.filter((p) => p.isExecutable === true);
  const process = (executable.length > 0 ? executable : processes)[0];
  if (!process?.id) throw problems.invalidRequest([{ path: 'bpmnXml', message: read.ok ? 'the diagram holds no process' : `the XML cannot be read (${read.error.message})` }]);
  return { key: process.id, name: process.name ?? null };
}
