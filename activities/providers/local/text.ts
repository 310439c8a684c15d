/** French text normalisation for the local models: lower case, no accents, no stop words. */

// The most frequent French function words: they carry no topic.
const STOP_WORDS = new Set(
  ('a au aux avec ce ces cet cette dans de des du elle en est et eux il ils je la le les leur lui ma mais me mes moi mon ' +
    'ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y ' +
    'ete etre ai as avons avez ont suis es sommes etes sont fait faire plus tres tout tous toute toutes bien aussi ' +
    'depuis devant pres chez comme ici la-bas donc alors car si cela ca celui celle ceux dont quand sans sous entre ' +
    'bonjour madame monsieur merci cordialement svp').split(' '),
);

export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

/** A light stemmer: strips the plural and a few frequent suffixes so forms of a word meet. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ements', 'ement', 'ations', 'ation', 'ees', 'ee', 'es', 'er', 'ez', 's', 'x', 'e']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

export function tokenize(text: string): string[] {
  return foldAccents(text.toLowerCase())
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2 && !STOP_WORDS.has(word))
    .map(stem);
}
