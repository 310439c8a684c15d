import { t } from '../i18n';

/** An empty executable process with one start event, as "Nouveau diagramme" opens it, named in the user's language. */
export function newDiagramXml(): string {
  // A fresh process id per diagram: deploying two new diagrams must not make them versions of one process.
  const processId = `Processus_${Math.random().toString(36).slice(2, 9)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Rouage" exporterVersion="0.1.0">
  <bpmn:process id="${processId}" name="${t.modeler.newProcessName}" isExecutable="true">
    <bpmn:startEvent id="Debut" name="${t.modeler.startEventName}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_${processId}">
    <bpmndi:BPMNPlane id="BPMNPlane_${processId}" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="Debut_di" bpmnElement="Debut">
        <dc:Bounds x="212" y="142" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
