import type { GraphNode } from '../graph';
import type { Rule } from './rule';

const GATEWAY_NAMES = {
  exclusiveGateway: { fr: 'une passerelle exclusive', en: 'an exclusive gateway' },
  inclusiveGateway: { fr: 'une passerelle inclusive', en: 'an inclusive gateway' },
} as const;

function choosingGateway(node: GraphNode): node is Extract<GraphNode, { kind: keyof typeof GATEWAY_NAMES }> {
  return node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway';
}

/**
 * An exclusive or inclusive gateway that splits needs a condition on every outgoing flow but
 * the default. An inclusive gateway evaluates the condition of its one flow too (false and no
 * default: an incident); a condition anywhere else would be silently ignored: an error.
 */
export const gatewayConditions: Rule = {
  id: 'gateway-conditions',
  check({ graph, report }) {
    for (const flow of Object.values(graph.flows)) {
      const source = graph.nodes[flow.sourceId];
      if (!source) continue;
      const choosing = choosingGateway(source);
      const isDefault = choosing && source.defaultFlowId === flow.id;
      const splits = choosing && source.outgoing.length > 1;
      const evaluated = choosing && !isDefault && (splits || source.kind === 'inclusiveGateway');
      if (choosing && splits && !isDefault && flow.condition === undefined) {
        const gateway = GATEWAY_NAMES[source.kind];
        report({
          ruleId: this.id,
          elementId: flow.id,
          message: {
            fr: `Le flux « ${flow.name ?? flow.id} » sort d'${gateway.fr} sans condition.`,
            en: `Flow "${flow.name ?? flow.id}" leaves ${gateway.en} without a condition.`,
          },
          hint: {
            fr: 'Ajoutez une condition FEEL à ce flux, ou faites-en le flux par défaut de la passerelle.',
            en: "Add a FEEL condition to this flow, or make it the gateway's default flow.",
          },
        });
      }
      if (flow.condition !== undefined && !evaluated) {
        const parallel = source.kind === 'parallelGateway';
        report({
          ruleId: this.id,
          elementId: flow.id,
          message: parallel
            ? {
                fr: `Le flux « ${flow.name ?? flow.id} » a une condition, mais une passerelle parallèle prend tous ses flux sortants sans les évaluer.`,
                en: `Flow "${flow.name ?? flow.id}" has a condition, but a parallel gateway takes all its outgoing flows without evaluating them.`,
              }
            : {
                fr: `La condition du flux « ${flow.name ?? flow.id} » ne serait jamais évaluée.`,
                en: `The condition of flow "${flow.name ?? flow.id}" would never be evaluated.`,
              },
          hint: {
            fr: "Placez les conditions sur les flux sortant d'une passerelle exclusive ou inclusive (hors flux par défaut), ou retirez-la.",
            en: 'Put conditions on flows leaving an exclusive or inclusive gateway (not its default flow), or remove it.',
          },
        });
      }
    }
    for (const node of Object.values(graph.nodes)) {
      if (!choosingGateway(node) || node.defaultFlowId === undefined) continue;
      if (node.outgoing.includes(node.defaultFlowId)) continue;
      report({
        ruleId: this.id,
        elementId: node.id,
        message: {
          fr: `Le flux par défaut de la passerelle « ${node.name ?? node.id} » ne part pas d'elle.`,
          en: `The default flow of gateway "${node.name ?? node.id}" does not leave it.`,
        },
        hint: { fr: 'Choisissez comme flux par défaut un flux sortant de la passerelle.', en: 'Pick one of its outgoing flows as default.' },
      });
    }
  },
};
