import type { Rule } from './rule';

/**
 * A catalog activity whose task maps its inputs, or that the modeler made from the activity's
 * element template (whose fields are its inputs), must receive every required one. Without
 * either, the task receives all variables, which only the run can check.
 */
export const taskInputsComplete: Rule = {
  id: 'task-inputs-complete',
  check({ graph, catalog, report }) {
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'serviceTask' || (node.inputs.length === 0 && !node.template)) continue;
      const activity = catalog.get(node.taskType);
      if (!activity) continue;
      const mapped = new Set(node.inputs.map((m) => m.target));
      for (const input of activity.inputs) {
        if (!input.required || mapped.has(input.name)) continue;
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `L'activité « ${node.taskType} » attend l'entrée obligatoire « ${input.name} », que la tâche ne fournit pas.`,
            en: `Activity "${node.taskType}" needs the required input "${input.name}", which the task does not map.`,
          },
          hint: {
            fr: `Ajoutez une entrée « ${input.name} » dans les entrées de la tâche (zeebe:input target="${input.name}").`,
            en: `Add an input "${input.name}" to the task's inputs (zeebe:input target="${input.name}").`,
          },
        });
      }
    }
  },
};
