/**
 * The BPMN compiler: `compile(xml, options)` → `{ graph, diagnostics }`.
 *
 * Pure TypeScript with no I/O, so the same code validates live in the modeler, gates deploys in
 * the API and runs in tests. `graph` is present only when no diagnostic is an error.
 */
import { LOCAL_ONLY_POLICY, type AiPolicy } from './ai-policy';
import { elementList, extensions, readBpmnXml, stringProperty, type ModdleElement } from './bpmn-xml';
import { createCollector, hasErrors, type Diagnostic, type Report } from './diagnostics';
import type { CatalogActivity } from './elements';
import type { ProcessGraph } from './graph';
import { rules, type RuleContext } from './rules';
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
      fr: candidates.length === 0 ? 'Le fichier ne contient aucun processus.' : `Le fichier contient ${candidates.length} processus exécutables.`,
      en: candidates.length === 0 ? 'The file holds no process.' : `The file holds ${candidates.length} executable processes.`,
    },
    hint: {
      fr: 'Gardez un seul processus exécutable par fichier (décochez « exécutable » sur les autres).',
      en: 'Keep one executable process per file (untick "executable" on the others).',
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
  return true;
}

export async function compile(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  const { diagnostics, report } = createCollector();
  if (!checkInputLimits(xml, report)) return { diagnostics };
  const read = await readBpmnXml(xml);
  if (!read.ok) {
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
    return { diagnostics };
  }
  for (const warning of read.warnings) {
    // Unknown elements are unsupported content; unresolved references surface as flow-endpoints.
    if (warning.message.startsWith('unresolved reference')) continue;
    report({
      ruleId: 'xml-schema',
      line: warning.line,
      column: warning.column,
      message: { fr: `Contenu BPMN non reconnu : ${warning.message}`, en: `Unrecognised BPMN content: ${warning.message}` },
      hint: { fr: 'Retirez ou corrigez cet élément à la ligne indiquée.', en: 'Remove or fix this element at the given line.' },
    });
  }
  const process = read.definitions.$type === 'bpmn:Definitions' ? executableProcess(read.definitions, report) : undefined;
  if (!process) return { diagnostics };

  const catalog = new Map((options.catalog ?? []).map((activity) => [activity.type, activity]));
  const embeddedForms = new Map(
    extensions(process, 'zeebe:UserTaskForm').map((form) => [stringProperty(form, 'id') ?? '', form] as const),
  );
  const graph = translateProcess(process, { report, catalog, embeddedForms });
  runRules({ graph, catalog, strictTaskTypes: options.strictTaskTypes ?? false, aiPolicy: options.aiPolicy ?? LOCAL_ONLY_POLICY, report });
  return hasErrors(diagnostics) ? { diagnostics } : { graph, diagnostics };
}

export type { Diagnostic, LocalizedText, Severity } from './diagnostics';
export { hasErrors } from './diagnostics';
export type { CatalogActivity } from './elements';
export * from './ai-policy';
export * from './graph';
