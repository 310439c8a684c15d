/**
 * Person names, found from their context: after a civility (M., Mme, Madame, Dr...), after an
 * introduction ("je m'appelle", "Nom :"), in a signature after a closing formula, or by their
 * shape (Jean DUPONT, DUPONT Jean, and First Last when First is a known first name).
 */
import { isFirstName } from './first-names';
import { entityAt, type PiiEntity } from './pii-types';
import { foldAccents } from './text';

// Capitalised words that start a function, a place or a document, not a person.
const NOT_NAMES = new Set(
  ('maire adjoint adjointe president presidente directeur directrice prefet prefete ministre conseiller conseillere ' +
    'depute deputee senateur senatrice secretaire responsable chef agent agente inspecteur inspectrice commissaire juge ' +
    'procureur docteur professeur madame monsieur mademoiselle messieurs mesdames bonjour objet service services mairie ' +
    'ville commune departement region prefecture direction pole centre tribunal caisse rue avenue boulevard merci ' +
    'cordialement reference dossier numero votre notre vos nos mon ma mes pour par avec dans nom prenom adresse tel ' +
    'telephone courriel email mail iban date montant total client compte banque societe association mutuelle hopital ' +
    'ecole college lycee conseil agence bureau maison etat republique france le la les un une des du de et ou en au aux ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre ' +
    'octobre novembre decembre urbanisme etat-civil accueil equipe cabinet famille famille ps pj nb urgent important ' +
    'je il elle nous vous ils elles ce cette ces suite ci-joint vu bien tres sinon cedex').split(/\s+/),
);

// Upper-case words that are acronyms or shouting, not surnames.
const ACRONYMS = new Set(
  ('caf cpam rsa apl aah mdph ccas hlm sncf edf gdf ratp iban bic rib nir siret siren tva pdf urssaf pmi ants cni rgpd ' +
    'cada samu smur ok cedex bp tsvp pj lrar rar ttc ht ehpad sdis dgfip sip sms faq enedis grdf nb ps rdv ar ras urgent ' +
    'important merci non oui svp fr eu ue tel mme mlle dr sarl sas eurl sa scp cerfa pacs ape naf cesu clsh alsh atsem ' +
    'crous insee ameli ft pole anah adil dalo dpe plu pc dp cu erp vmc demande urgente rappel relance reclamation ' +
    'attention info infos nouveau nouvelle ferme fermee ouvert ouverte gratuit complet annule annulee objet').split(/\s+/),
);

const fold = (word: string) => foldAccents(word.toLowerCase());
const isNotName = (word: string) => NOT_NAMES.has(fold(word)) || fold(word).split('-').some((part) => NOT_NAMES.has(part));

const CAPITAL_WORD = /(?:[dD]['’])?\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*/uy;
const INITIAL = /\p{Lu}\.(?=[ \u00a0]\p{Lu})/uy;
// Particles of surnames ("de Villiers", "Le Gall", "Van Dijk", "d'Arc"): never a name by themselves.
const NAME_PARTICLE = /(?:[dD]e|[dD]u|[dD]es|[vV]an|[vV]on|[lL]e|[lL]a|[bB]en|[bB]in|[eE]l|[dD]a|[dD]os|[dD]i|[dD]el|[dD]ella)(?=[ \u00a0]\p{Lu})|[dD]['’](?=\p{Lu})/uy;
const SPACE = /[ \u00a0]/y;

function stickyMatch(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? null;
}

/**
 * Reads a person's name at `start`: up to `maxWords` capitalised (or upper-case) words, with
 * initials ("J. Dupont") and particles ("de La Fontaine") between them. Returns the end offset,
 * or null if there is no name there or one of its words is a title or a common word.
 */
export function readPersonName(text: string, start: number, maxWords = 3): number | null {
  let at = start;
  let end: number | null = null;
  let words = 0;
  while (words < maxWords) {
    const initial = end === null ? stickyMatch(INITIAL, text, at) : null;
    const particle = stickyMatch(NAME_PARTICLE, text, at);
    const word = stickyMatch(CAPITAL_WORD, text, at);
    if (initial) at += initial.length;
    else if (particle) at += particle.length;
    else if (word && word.length >= 2) {
      if (isNotName(word) || ACRONYMS.has(fold(word))) return end; // "Monsieur le Maire": no name
      at += word.length;
      end = at;
      words += 1;
    } else break;
    const space = stickyMatch(SPACE, text, at) ?? (particle?.endsWith('’') || particle?.endsWith("'") ? '' : null);
    if (space === null) break;
    at += space.length;
  }
  return end;
}

const CIVILITY = /(?<![\p{L}.])(?:M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Mlles\.?|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|Dr\.?|[Dd]octeur|Me|Maître|Pr\.?)[ \u00a0]+/gu;
const INTRODUCTION =
  /(?<![\p{L}])(?:je m['’]appelle|je me nomme|mon nom est|nom(?: de famille| et prénoms?| d['’]usage| de naissance)?[ \u00a0]*:|prénoms?(?: et nom)?[ \u00a0]*:|demandeu(?:r|se)[ \u00a0]*:|signataire[ \u00a0]*:|signé[ \u00a0]*:?|représentant légal[ \u00a0]*:)[ \u00a0]*/giu;
const CLOSING =
  /(?:bien )?(?:cordialement|bien à vous|salutations(?: distinguées| respectueuses)?|respectueusement|sincèrement|amicalement|merci d['’]avance|merci par avance|en vous remerciant[^\n]*)[ \t]*[,.!]?[ \t]*(?:\n[ \t]*)*/giu;

const FIRST_UPPER_LAST = /(?<![\p{L}])(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*)[ \u00a0]+(\p{Lu}{2,}(?:[-'’]\p{Lu}+)*(?:[ \u00a0]\p{Lu}{2,})?)(?![\p{L}])/gu;
const UPPER_FIRST = /(?<![\p{L}])(\p{Lu}{2,}(?:[-'’]\p{Lu}+)*)[ \u00a0]+(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*)(?![\p{L}])/gu;
const FIRST_LAST =
  /(?<![\p{L}])(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*)[ \u00a0]+((?:(?:[dD]e|[dD]u|[lL]e|[lL]a|[vV]an|[vV]on|[bB]en|[eE]l|[dD]a|[dD]i|[dD]el)[ \u00a0]+)?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*)(?![\p{L}])/gu;

// Places and buildings named after people: "rue Victor Hugo", "collège Jean Moulin".
const NAMED_AFTER = /(?:rue|avenue|boulevard|bd|allée|chemin|impasse|place|quai|route|cours|square|passage|esplanade|école|collège|lycée|gymnase|stade|salle|centre|hôpital|médiathèque|bibliothèque|parc|jardin|pont|résidence|espace|maison|foyer|halle|piscine|théâtre|institut|fondation|prix)(?: (?:de|du|des|la|le))?[ \u00a0]+$/iu;

function afterContext(text: string, pattern: RegExp, confidence: number): PiiEntity[] {
  const found: PiiEntity[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index + match[0].length;
    const end = readPersonName(text, start);
    if (end !== null) found.push(entityAt(text, 'name', start, end, confidence));
  }
  return found;
}

const END_OF_LINE = /[ \t.]*(?:\n|$)/y;

/** A name alone on the line after a closing formula (or after it on the same line). */
function signatures(text: string): PiiEntity[] {
  const found: PiiEntity[] = [];
  for (const match of text.matchAll(CLOSING)) {
    const start = match.index + match[0].length;
    const end = readPersonName(text, start);
    END_OF_LINE.lastIndex = end ?? 0;
    if (end !== null && END_OF_LINE.test(text)) found.push(entityAt(text, 'name', start, end, 0.75));
  }
  return found;
}

/**
 * Every match of a two-word pattern, including overlapping ones: after each match the search
 * resumes at the second word, so "Bonjour Julie Bernard" yields "Bonjour Julie" then "Julie Bernard".
 */
function* pairs(text: string, pattern: RegExp): Generator<{ index: number; length: number; one: string; two: string }> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield { index: m.index, length: m[0].length, one: m[1]!, two: m[2]! };
    pattern.lastIndex = m.index + m[1]!.length;
  }
}

/** Names recognised by their shape, without a context word. */
function shapes(text: string): PiiEntity[] {
  const found: PiiEntity[] = [];
  const add = (index: number, length: number, confidence: number) => found.push(entityAt(text, 'name', index, index + length, confidence));
  for (const { index, length, one: first, two: last } of pairs(text, FIRST_UPPER_LAST)) {
    if (isNotName(first) || last.split(/[ \u00a0]/).some((w) => ACRONYMS.has(fold(w)) || isNotName(w))) continue;
    if (isFirstName(first)) add(index, length, 0.8);
    else if (first.length >= 3 && last.length >= 3) add(index, length, 0.55);
  }
  for (const { index, length, one: last, two: first } of pairs(text, UPPER_FIRST)) {
    if (isFirstName(first) && !ACRONYMS.has(fold(last)) && !isNotName(last)) add(index, length, 0.8);
  }
  for (const { index, length, one: first, two: last } of pairs(text, FIRST_LAST)) {
    if (!isFirstName(first) || isNotName(first) || last.split(/[ \u00a0]+/).slice(-1).some(isNotName)) continue;
    if (!NAMED_AFTER.test(text.slice(Math.max(0, index - 30), index))) add(index, length, 0.6);
  }
  return found;
}

export function detectNames(text: string): PiiEntity[] {
  return [...afterContext(text, CIVILITY, 0.85), ...afterContext(text, INTRODUCTION, 0.85), ...signatures(text), ...shapes(text)];
}
