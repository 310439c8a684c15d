/**
 * Generates a valid executable diagram of about `elements` flow elements (tasks, gateways,
 * events and their sequence flows), with diagram interchange so that editors can render it.
 * Shape: start → blocks of [AI task → gateway → (user task A | user task B) → merge] → end.
 */
export function generateDiagram(elements: number): string {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];
  let x = 100;
  const shape = (id: string, width: number, height: number, y: number) => {
    shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" /></bpmndi:BPMNShape>`);
  };
  let flowCount = 0;
  const flow = (source: string, target: string, condition?: string) => {
    const id = `flow-${++flowCount}`;
    flows.push(
      condition
        ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`,
    );
    edges.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="0" y="0" /><di:waypoint x="1" y="1" /></bpmndi:BPMNEdge>`);
    return id;
  };
  nodes.push('<bpmn:startEvent id="start" />');
  shape('start', 36, 36, 200);
  let previous = 'start';
  // One block is 5 nodes and 6 flows: 11 elements.
  const blocks = Math.max(1, Math.floor((elements - 3) / 11));
  for (let i = 1; i <= blocks; i += 1) {
    x += 150;
    nodes.push(
      `<bpmn:serviceTask id="classify-${i}" name="Classer ${i}"><bpmn:extensionElements><zeebe:taskDefinition type="ai.classify" />` +
        `<zeebe:ioMapping><zeebe:input source="=description" target="text" /></zeebe:ioMapping>` +
        `<zeebe:taskHeaders><zeebe:header key="resultVariable" value="triage${i}" /></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`,
    );
    shape(`classify-${i}`, 100, 80, 180);
    flow(previous, `classify-${i}`);
    x += 150;
    nodes.push(`<bpmn:exclusiveGateway id="route-${i}" default="flow-${flowCount + 3}" />`);
    shape(`route-${i}`, 50, 50, 195);
    flow(`classify-${i}`, `route-${i}`);
    x += 150;
    nodes.push(`<bpmn:userTask id="team-a-${i}" name="Équipe A ${i}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements></bpmn:userTask>`);
    shape(`team-a-${i}`, 100, 80, 80);
    nodes.push(`<bpmn:userTask id="team-b-${i}" name="Équipe B ${i}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-b" /></bpmn:extensionElements></bpmn:userTask>`);
    shape(`team-b-${i}`, 100, 80, 280);
    flow(`route-${i}`, `team-a-${i}`, `=triage${i}.category = "voirie"`);
    flow(`route-${i}`, `team-b-${i}`);
    x += 150;
    nodes.push(`<bpmn:exclusiveGateway id="merge-${i}" />`);
    shape(`merge-${i}`, 50, 50, 195);
    flow(`team-a-${i}`, `merge-${i}`);
    flow(`team-b-${i}`, `merge-${i}`);
    previous = `merge-${i}`;
  }
  x += 150;
  nodes.push('<bpmn:endEvent id="end" />');
  shape('end', 36, 36, 200);
  flow(previous, 'end');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_generated" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="generated-${elements}" name="Generated ${elements}" isExecutable="true">
${nodes.join('\n')}
${flows.join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="generated-${elements}">
${shapes.join('\n')}
${edges.join('\n')}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** Number of flow elements (nodes and sequence flows) in a generated diagram. */
export function countFlowElements(xml: string): number {
  return (xml.match(/<bpmn:(startEvent|endEvent|serviceTask|userTask|exclusiveGateway|sequenceFlow)\b/g) ?? []).length;
}
