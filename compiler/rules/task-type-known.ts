import type { Rule } from './rule';

/**
 * Camunda models name job types their own workers serve: those run on the external task queue,
 * so a team can serve them from its own Temporal worker. Flagged, since a typo looks the same.
 */
export const taskTypeKnown: Rule = {
  id: 'task-type-known',
  check({ graph, strictTaskTypes, report }) {
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'serviceTask' || !node.external) continue;
      report({
        ruleId: this.id,
        severity: strictTaskTypes ? 'error' : 'warning',
        elementId: node.id,
        message: {
          fr: `Le type de tâche « ${node.taskType} » n'est pas une activité du catalogue : un worker externe devra la servir.`,
          en: `Task type "${node.taskType}" is not a catalog activity: an external worker must serve it.`,
        },
        hint: {
          fr: "Vérifiez l'orthographe ou choisissez une activité IA dans la palette ; sinon, déployez un worker pour ce type.",
          en: 'Check the spelling or pick an AI activity from the palette; otherwise deploy a worker for this type.',
        },
      });
    }
  },
};
