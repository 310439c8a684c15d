/**
 * French lexicons for risk assessment. Each entry is a phrase of accent-free, lower-case words
 * (apostrophes as spaces: "fuite d eau"); a word ending in * matches any word starting with it
 * ("bless*": blessé, blessés, blessure).
 */

/** Immediate danger to people: high urgency. */
export const HIGH_URGENCY = [
  'danger immediat', 'danger de mort', 'en danger', 'danger', 'bless*', 'incendi*', 'en feu', 'pris feu', 'prend feu',
  'depart de feu', 'flammes', 'fumee* epaisse', 'fuite* de gaz', 'odeur* de gaz', 'explosion', 'effondr*',
  'electrocut*', 'cable* electrique* a terre', 'fil* electrique* a nu', 'fil* electrique* denude*', 'noyade',
  'agression', 'agresse*', 'violence*', 'menace* de mort', 'suicid*', 'maltraitance', 'urgence vitale', 'inconscient*',
  'evanoui*', 'accident', 'accidents', 'enfant* en danger', 'personne* en danger', 'risque vital', 'ne peut pas attendre',
];

/** Hazards and pressing situations: medium urgency. */
export const MEDIUM_URGENCY = [
  'dangereu*', 'risque*', 'chute*', 'tomb*', 'immediatement', 'urgent*', 'urgence', 'rapidement', 'au plus vite',
  'fuite* d eau', 'inond*', 'degat* des eaux', 'sans chauffage', 'panne de chauffage', 'sans eau', 'sans electricite',
  'coupure*', 'insalubr*', 'rats', 'nuisibles', 'personne agee', 'personnes agees', 'handicap*', 'isole*', 'expulsion',
  'expulse*', 'sans logement', 'a la rue', 'relance', 'sans reponse', 'pas de reponse', 'toujours rien',
  'troisieme fois', 'plusieurs fois', 'depuis des semaines', 'depuis des mois', 'inadmissible', 'inacceptable',
  'scandale*', 'exaspere*',
];

/** Possible litigation. */
export const LEGAL = [
  'avocat*', 'tribunal', 'tribunaux', 'plainte', 'porter plainte', 'recours', 'contentieux', 'justice', 'juge',
  'mise en demeure', 'mettre en demeure', 'defenseur des droits', 'mediateur', 'huissier*', 'commissaire de justice',
  'proces', 'poursuite*', 'poursuivre', 'dommages et interets', 'prejudice', 'indemnis*', 'illegal*', 'abus de pouvoir',
  'conseil d etat', 'cada', 'juridique*', 'responsabilite de la commune', 'diffamation', 'discrimination',
];

/** Possible media exposure. */
export const MEDIA = [
  'journaliste*', 'presse', 'media*', 'reseaux sociaux', 'facebook', 'twitter', 'tiktok', 'instagram', 'youtube',
  'linkedin', 'journal local', 'le journal', 'les journaux', 'quotidien regional', 'television', 'a la tele', 'reportage',
  'france 3', 'france bleu', 'le parisien', 'ouest france', 'buzz', 'viral*', 'petition', 'alerter l opinion',
  'rendre public', 'faire savoir', 'elus de l opposition',
];

/** Words that negate what follows them in the same clause ("pas de danger", "aucun blessé"). */
export const NEGATIONS = ['pas', 'aucun', 'aucune', 'sans', 'ni', 'jamais', 'rien', 'non', 'nul', 'nulle'];
