import type { Rule } from './rule';

export const userTaskAssignment: Rule = {
  id: 'user-task-assignment',
  check({ graph, report }) {
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'userTask' || node.assignee || node.candidateGroups || node.candidateUsers) continue;
      report({
        ruleId: this.id,
        severity: 'warning',
        elementId: node.id,
        message: {
          fr: `La tâche « ${node.name ?? node.id} » n'a ni responsable ni groupe candidat : seuls les superviseurs la verront.`,
          en: `Task "${node.name ?? node.id}" has no assignee and no candidate group: only supervisors will see it.`,
        },
        hint: {
          fr: "Renseignez les groupes candidats (zeebe:assignmentDefinition candidateGroups).",
          en: 'Set the candidate groups (zeebe:assignmentDefinition candidateGroups).',
        },
      });
    }
  },
};
