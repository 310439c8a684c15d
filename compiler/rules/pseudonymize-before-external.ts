import { needsPseudonymisation, providerIdFor, PSEUDONYMIZE_TASK_TYPE } from '../ai-policy';
import type { Rule } from './rule';
import { entryNodeIds, reachable, successors } from './walk';

/**
 * Data leaving the trust boundary must have passed `ai.pseudonymize`: every path from a start
 * event to an AI task whose provider is not on premises goes through a pseudonymisation task.
 * (Run time checks the payload itself too.)
 */
export const pseudonymizeBeforeExternal: Rule = {
  id: 'pseudonymize-before-external',
  check({ graph, catalog, aiPolicy, report }) {
    // Nodes reachable from a start without passing a pseudonymisation task.
    // A pseudonymisation task stops the walk, except by its boundary events: leaving by one
    // means the pseudonymisation did not finish.
    const exposed = reachable(graph, entryNodeIds(graph), (node) =>
      node.kind === 'serviceTask' && node.taskType === PSEUDONYMIZE_TASK_TYPE ? (node.boundaryEventIds ?? []) : successors(graph, node),
    );
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'serviceTask' || node.external || node.taskType === PSEUDONYMIZE_TASK_TYPE || !exposed.has(node.id)) continue;
      const providerId = providerIdFor(aiPolicy, catalog.get(node.taskType), node.headers.provider, graph.aiProvider);
      const provider = aiPolicy.providers.find((p) => p.id === providerId);
      if (!provider || !needsPseudonymisation(graph.dataClassification, provider.location)) continue;
      report({
        ruleId: this.id,
        elementId: node.id,
        message: {
          fr: `La tâche « ${node.name ?? node.id} » envoie des données hors du périmètre de confiance (${provider.id}, ${provider.location}) sans pseudonymisation préalable.`,
          en: `Task "${node.name ?? node.id}" sends data outside the trust boundary (${provider.id}, ${provider.location}) without pseudonymising it first.`,
        },
        hint: {
          fr: 'Placez une tâche « ai.pseudonymize » avant elle sur tous les chemins, et donnez-lui le texte pseudonymisé.',
          en: 'Put an "ai.pseudonymize" task before it on every path, and give it the pseudonymised text.',
        },
      });
    }
  },
};
