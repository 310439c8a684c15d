/** Loop characteristics of activities: multi-instance is run, BPMN's standard loop is refused. */
import { extension, isElement, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { Report } from '../diagnostics';
import type { ActivityNode, MultiInstance } from '../graph';
import { feelBody, kindOf, label, reportUnsupported } from './common';

function reportMultiInstance(element: ModdleElement, report: Report, problem: { fr: string; en: string }, hint: { fr: string; en: string }): void {
  report({
    ruleId: 'multi-instance',
    elementId: element.id,
    message: { fr: `L'activité multi-instance « ${label(element)} » ${problem.fr}.`, en: `Multi-instance activity "${label(element)}" ${problem.en}.` },
    hint,
  });
}

function readMultiInstance(element: ModdleElement, loop: ModdleElement, report: Report): MultiInstance | undefined {
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const field = (name: string) => (zeebe && stringProperty(zeebe, name)?.trim()) || undefined;
  const inputCollection = feelBody(field('inputCollection'));
  if (inputCollection === undefined) {
    reportMultiInstance(
      element,
      report,
      { fr: "n'a pas de collection d'entrée", en: 'has no input collection' },
      {
        fr: 'Renseignez la collection d’entrée (zeebe:loopCharacteristics inputCollection), par exemple =pieces ; pour n passages, =for i in 1..n return i.',
        en: 'Set the input collection (zeebe:loopCharacteristics inputCollection), for example =documents; for n runs, =for i in 1..n return i.',
      },
    );
    return undefined;
  }
  const outputCollection = field('outputCollection');
  const outputElement = feelBody(field('outputElement'));
  if ((outputCollection === undefined) !== (outputElement === undefined)) {
    reportMultiInstance(
      element,
      report,
      { fr: 'a une collection de sortie sans élément de sortie, ou l’inverse', en: 'has an output collection without an output element, or the reverse' },
      {
        fr: 'Renseignez les deux (outputCollection et outputElement, par exemple =resultat), ou aucun.',
        en: 'Set both (outputCollection and outputElement, for example =result), or neither.',
      },
    );
    return undefined;
  }
  const condition = loop.completionCondition;
  const completionCondition = feelBody(isElement(condition) ? stringProperty(condition, 'body') : undefined);
  const inputElement = field('inputElement');
  return {
    sequential: loop.isSequential === true,
    inputCollection,
    ...(inputElement ? { inputElement } : {}),
    ...(outputCollection ? { outputCollection } : {}),
    ...(outputElement ? { outputElement } : {}),
    ...(completionCondition ? { completionCondition } : {}),
  };
}

/** Puts the multi-instance of `element` on its node, or reports why it cannot run. */
export function applyLoopCharacteristics(element: ModdleElement, node: ActivityNode, report: Report): void {
  const loop = element.loopCharacteristics;
  if (!isElement(loop)) return;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    reportUnsupported(
      element,
      report,
      {
        fr: 'Camunda 8 n’exécute pas la boucle standard : utilisez une activité multi-instance, ou une boucle dessinée avec une passerelle exclusive.',
        en: 'Camunda 8 does not run standard loops: use a multi-instance activity, or draw the loop with an exclusive gateway.',
      },
      `${kindOf(element)}, ${kindOf(loop)}`,
    );
    return;
  }
  const multiInstance = readMultiInstance(element, loop, report);
  if (multiInstance) node.multiInstance = multiInstance;
}
