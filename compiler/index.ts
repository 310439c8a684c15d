/**
 * The BPMN compiler: `compile(xml, options)` → `{ graph, diagnostics }`.
 *
 * Pure TypeScript with no I/O, so the same code validates live in the modeler, gates deploys in
 * the API and runs in tests. `graph` is present only when no diagnostic is an error.
 */
import { LOCAL_ONLY_POLICY, type AiPolicy } from './ai-policy';
import { elementList, extensions, lineNestedBeyond, readBpmnXml, stringProperty, type ModdleElement, type XmlProblem } from './bpmn-xml';
import { createCollector, hasErrors, type Diagnostic, type Report } from './diagnostics';
import type { CatalogActivity } from './elements';
import type { ProcessGraph } from './graph';
import { graphHash } from './graph-hash';
import { rules, type RuleContext } from './rules';
import { duplicatedId, reportDuplicateIds } from './rules/duplicate-id';
import { feelSize } from './rules/feel-size';
import { translateProcess } from './translate';

export interface CompileOptions {
  /** The activity catalog, as plain data (see `activities/catalog`). */
  catalog?: readonly CatalogActivity[];
  /** Deployment setting: service task types outside the catalog are errors, not warnings. */
  strictTaskTypes?: boolean;
  /** The deployment's AI providers and which data each may see (default: local provider only). */
  aiPolicy?: AiPolicy;
}

export interface CompileResult {
  graph?: ProcessGraph;
  /**
   * With `graph`: SHA-256 (hex) of its canonical JSON. The same XML always gives the same graph,
   * byte for byte, and so the same hash; see docs/graph-format.md.
   */
  graphHash?: string;
  diagnostics: Diagnostic[];
}

/** Picks the one executable process of a file; collaborations may hold non-executable pools. */
function executableProcess(definitions: ModdleElement, report: Report): ModdleElement | undefined {
  const processes = elementList(definitions.rootElements).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  const candidates = executable.length > 0 ? executable : processes;
  if (candidates.length === 1) return candidates[0];
  report({
    ruleId: 'single-executable-process',
    elementId: candidates[1]?.id ?? definitions.id,
    message: {
      fr: candidates.length === 0 ? 'Le fichier ne contient aucun processus.' : `Le fichier contient ${candidates.length} processus exécutables (${candidates.map((p) => p.id).join(', ')}).`,
      en: candidates.length === 0 ? 'The file holds no process.' : `The file holds ${candidates.length} executable processes (${candidates.map((p) => p.id).join(', ')}).`,
    },
    hint: {
      // A deployed version is one graph: Camunda deploys every process of a file, Rouage one.
      fr: 'Gardez un seul processus exécutable par fichier : déployez chacun des autres depuis son propre fichier (une activité d’appel peut alors l’appeler), ou décochez « exécutable ».',
      en: 'Keep one executable process per file: deploy each of the others from a file of its own (a call activity can then call it), or untick "executable".',
    },
  });
  return undefined;
}

function runRules(context: RuleContext) {
  for (const rule of rules) {
    try {
      rule.check(context);
    } catch (error) {
      // A broken rule must not hide the other diagnostics, nor let a diagram through unchecked.
      context.report({
        ruleId: rule.id,
        message: { fr: `La vérification ${rule.id} a échoué : ${String(error)}`, en: `Check ${rule.id} failed: ${String(error)}` },
        hint: { fr: "Signalez ce problème à l'équipe Rouage avec le fichier BPMN.", en: 'Report this to the Rouage team with the BPMN file.' },
      });
    }
  }
}

/**
 * In characters (the compiler also runs in the browser, where strings are what it has); the API's
 * 5 MiB body limit comes first for uploads. Diagrams are far smaller: 1,000 elements are ~370 KiB.
 */
export const MAX_BPMN_LENGTH = 5 * 1024 * 1024;

/**
 * Element nesting, in XML levels. A task in a subprocess is 6 levels deep with its mappings, and
 * each subprocess around it adds one: 200 leaves room for any drawn diagram while keeping every
 * recursive walk of the tree (here, in the interpreter, in the modeler) far from a stack overflow.
 */
export const MAX_XML_DEPTH = 200;

/** Refuses input no diagram needs before parsing it: oversize files and DTDs (XXE, entity bombs). */
function checkInputLimits(xml: string, report: Report): boolean {
  if (xml.length > MAX_BPMN_LENGTH) {
    report({
      ruleId: 'xml-too-large',
      message: {
        fr: `Le fichier fait ${Math.round(xml.length / 1024)} K caractères, au-delà de la limite de ${MAX_BPMN_LENGTH / 1024 / 1024} M caractères.`,
        en: `The file has ${Math.round(xml.length / 1024)}K characters, over the limit of ${MAX_BPMN_LENGTH / 1024 / 1024}M.`,
      },
      hint: { fr: 'Retirez le contenu inutile (documentation volumineuse, commentaires, éléments en double).', en: 'Remove unneeded content (large documentation, comments, duplicated elements).' },
    });
    return false;
  }
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype) {
    report({
      ruleId: 'xml-doctype',
      line: xml.slice(0, doctype.index).split('\n').length,
      message: {
        fr: 'Le fichier contient une déclaration DOCTYPE : les DTD et entités ne sont pas acceptées (risque XXE et d’expansion d’entités).',
        en: 'The file holds a DOCTYPE declaration: DTDs and entities are not accepted (XXE and entity expansion risks).',
      },
      hint: { fr: 'Retirez la déclaration <!DOCTYPE ...> ; un modeleur BPMN n’en produit jamais.', en: 'Remove the <!DOCTYPE ...> declaration; BPMN modelers never write one.' },
    });
    return false;
  }
  const deepLine = lineNestedBeyond(xml, MAX_XML_DEPTH);
  if (deepLine !== undefined) {
    report({
      ruleId: 'xml-too-deep',
      line: deepLine,
      message: {
        fr: `Les éléments du fichier sont imbriqués sur plus de ${MAX_XML_DEPTH} niveaux (dépassé à la ligne ${deepLine}).`,
        en: `The file's elements nest more than ${MAX_XML_DEPTH} levels deep (from line ${deepLine}).`,
      },
      hint: {
        fr: 'Réduisez l’imbrication des sous-processus (appelez un autre processus avec une activité d’appel), ou exportez à nouveau le diagramme depuis le modeleur.',
        en: 'Nest fewer subprocesses (call another process with a call activity instead), or export the diagram again from the modeler.',
      },
    });
    return false;
  }
  return true;
}

/** What moddle could read but not place: duplicate ids, and content unknown to BPMN and Zeebe. */
function reportContentProblems(problems: readonly XmlProblem[], xml: string, report: Report): void {
  const duplicates = new Map<string, XmlProblem>();
  for (const problem of problems) {
    // Unresolved references surface as flow-endpoints, on the flow concerned.
    if (problem.message.startsWith('unresolved reference')) continue;
    const duplicate = duplicatedId(problem);
    if (duplicate !== undefined) {
      if (!duplicates.has(duplicate)) duplicates.set(duplicate, problem);
      continue;
    }
    report({
      ruleId: 'xml-schema',
      line: problem.line,
      column: problem.column,
      message: { fr: `Contenu BPMN non reconnu : ${problem.message}`, en: `Unrecognised BPMN content: ${problem.message}` },
      hint: { fr: 'Retirez ou corrigez cet élément à la ligne indiquée.', en: 'Remove or fix this element at the given line.' },
    });
  }
  reportDuplicateIds(duplicates, xml, report);
}

async function compileUnbounded(xml: string, options: CompileOptions): Promise<CompileResult> {
  const { diagnostics, report } = createCollector();
  if (!checkInputLimits(xml, report)) return { diagnostics };
  const read = await readBpmnXml(xml);
  if (!read.ok) {
    // A large file with content moddle could not place: its first problem, as lenient reading would say it.
    if (read.content) reportContentProblems([read.error], xml, report);
    else {
      report({
        ruleId: 'xml-well-formed',
        line: read.error.line,
        column: read.error.column,
        message: { fr: `Le fichier n'est pas un XML BPMN lisible : ${read.error.message}`, en: `The file is not readable BPMN XML: ${read.error.message}` },
        hint: {
          fr: "Exportez à nouveau le diagramme depuis le modeleur, ou corrigez le XML à la ligne indiquée.",
          en: 'Export the diagram again from the modeler, or fix the XML at the given line.',
        },
      });
    }
    return { diagnostics };
  }
  reportContentProblems(read.warnings, xml, report);
  const process = read.definitions.$type === 'bpmn:Definitions' ? executableProcess(read.definitions, report) : undefined;
  if (!process) return { diagnostics };

  const catalog = new Map((options.catalog ?? []).map((activity) => [activity.type, activity]));
  const embeddedForms = new Map(
    extensions(process, 'zeebe:UserTaskForm').map((form) => [stringProperty(form, 'id') ?? '', form] as const),
  );
  const graph = translateProcess(process, { report, catalog, embeddedForms });
  const context: RuleContext = { graph, catalog, strictTaskTypes: options.strictTaskTypes ?? false, aiPolicy: options.aiPolicy ?? LOCAL_ONLY_POLICY, report };
  // Rules parse FEEL; expressions too large to parse in bounded time stop the checks first.
  const before = diagnostics.length;
  feelSize.check(context);
  if (diagnostics.length > before) return { diagnostics };
  runRules(context);
  return hasErrors(diagnostics) ? { diagnostics } : { graph, graphHash: graphHash(graph), diagnostics };
}

/**
 * Diagnostics returned at most. A hostile file can raise one per element or attribute (hundreds of
 * thousands in 5 MiB, tens of megabytes of JSON for the API to send back); no one reads past the
 * first few hundred, and fixing those changes the rest.
 */
export const MAX_DIAGNOSTICS = 500;

export async function compile(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  const result = await compileUnbounded(xml, options);
  const { diagnostics } = result;
  if (diagnostics.length <= MAX_DIAGNOSTICS) return result;
  const dropped = diagnostics.slice(MAX_DIAGNOSTICS);
  const summary: Diagnostic = {
    ruleId: 'too-many-diagnostics',
    // An error among the dropped ones keeps the list saying there is an error.
    severity: hasErrors(dropped) ? 'error' : 'warning',
    message: { fr: `${dropped.length} autres problèmes ne sont pas listés.`, en: `${dropped.length} more problems are not listed.` },
    hint: { fr: 'Corrigez ceux listés ci-dessus, puis vérifiez à nouveau le diagramme.', en: 'Fix the ones listed above, then check the diagram again.' },
  };
  return { ...result, diagnostics: [...diagnostics.slice(0, MAX_DIAGNOSTICS), summary] };
}

export type { Diagnostic, LocalizedText, Severity } from './diagnostics';
export { hasErrors } from './diagnostics';
export { canonicalJson, graphHash } from './graph-hash';
export type { CatalogActivity } from './elements';
export * from './ai-policy';
export * from './graph';
