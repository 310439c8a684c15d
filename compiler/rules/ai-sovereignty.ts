import { classificationRank, isLocationAllowed, providerIdFor } from '../ai-policy';
import type { Rule } from './rule';

/**
 * Each AI task must use a provider the deployment knows, located where the process's data may
 * go, and an activity that accepts data of that classification. Checked again at run time.
 */
export const aiSovereignty: Rule = {
  id: 'ai-sovereignty',
  check({ graph, catalog, aiPolicy, report }) {
    const classification = graph.dataClassification;
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'serviceTask' || node.external) continue;
      const activity = catalog.get(node.taskType);
      const providerId = providerIdFor(aiPolicy, activity, node.headers.provider, graph.aiProvider);
      const provider = aiPolicy.providers.find((p) => p.id === providerId);
      if (!provider) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `Le fournisseur d'IA « ${providerId} » de la tâche « ${node.name ?? node.id} » n'est pas configuré.`,
            en: `AI provider "${providerId}" of task "${node.name ?? node.id}" is not configured.`,
          },
          hint: {
            fr: `Choisissez l'un des fournisseurs configurés : ${aiPolicy.providers.map((p) => p.id).join(', ')}.`,
            en: `Use one of the configured providers: ${aiPolicy.providers.map((p) => p.id).join(', ')}.`,
          },
        });
        continue;
      }
      if (!isLocationAllowed(aiPolicy, classification, provider.location)) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `Des données « ${classification} » ne peuvent pas être envoyées au fournisseur « ${provider.id} » (${provider.location}) par la tâche « ${node.name ?? node.id} ».`,
            en: `"${classification}" data may not be sent to provider "${provider.id}" (${provider.location}) by task "${node.name ?? node.id}".`,
          },
          hint: {
            fr: `Utilisez un fournisseur situé en ${aiPolicy.allowedLocations[classification].join(' ou ')} (en-tête « provider » de la tâche ou propriété « aiProvider » du processus).`,
            en: `Use a provider located ${aiPolicy.allowedLocations[classification].join(' or ')} (the task's "provider" header or the process's "aiProvider" property).`,
          },
        });
      }
      if (activity?.acceptsClassification && classificationRank(activity.acceptsClassification) < classificationRank(classification)) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `L'activité « ${node.taskType} » n'accepte pas de données « ${classification} » (au plus « ${activity.acceptsClassification} »).`,
            en: `Activity "${node.taskType}" does not accept "${classification}" data (at most "${activity.acceptsClassification}").`,
          },
          hint: {
            fr: 'Utilisez une autre activité, ou revoyez la classification des données du processus.',
            en: "Use another activity, or review the process's data classification.",
          },
        });
      }
    }
  },
};
