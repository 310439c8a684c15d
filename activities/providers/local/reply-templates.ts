/**
 * Reply templates for citizens' requests and complaints, each in two registers: plain language ("FALC",
 * facile à lire et à comprendre: short sentences, one idea each, common words, the reader
 * addressed as "vous", dates in letters) and the standard administrative style. Slots are
 * filled by `draftFromTemplate`; an unfilled slot stays visible as « [à compléter : ...] ».
 */

export type ReplyKind = 'accuse-reception' | 'demande-pieces' | 'decision-favorable' | 'decision-defavorable' | 'reponse-reclamation';

export interface ReplyTemplate {
  kind: ReplyKind;
  register: 'falc' | 'standard';
  title: string;
  body: string;
}

export const PLAIN_LANGUAGE_TEMPLATES: Readonly<Record<ReplyKind, ReplyTemplate>> = {
  'accuse-reception': {
    kind: 'accuse-reception',
    register: 'falc',
    title: 'Nous avons reçu votre demande',
    body: `Bonjour {{nom}},

Nous avons bien reçu votre demande.
Votre demande concerne : {{objet}}.
Nous l'avons reçue le {{date_depot|date}}.
Le numéro de votre demande est : {{reference}}.
Gardez ce numéro. Il sert à suivre votre demande.

Nous allons étudier votre demande.
Nous vous répondons avant le {{date_reponse|date}}.

Vous avez une question ?
Appelez le {{telephone_service}}.

{{service}}`,
  },
  'demande-pieces': {
    kind: 'demande-pieces',
    register: 'falc',
    title: 'Il manque des documents',
    body: `Bonjour {{nom}},

Nous avons reçu votre demande numéro {{reference}}.
Il manque des documents pour l'étudier.

Envoyez-nous ces documents :{{pieces|liste}}

Envoyez-les avant le {{date_limite|date}}.
Sans ces documents, nous ne pouvons pas étudier votre demande.

Vous avez besoin d'aide ?
Appelez le {{telephone_service}}.

{{service}}`,
  },
  'decision-favorable': {
    kind: 'decision-favorable',
    register: 'falc',
    title: 'Votre demande est acceptée',
    body: `Bonjour {{nom}},

Bonne nouvelle : votre demande est acceptée.
Votre demande concernait : {{objet}}.
Le numéro de votre demande est : {{reference}}.

Ce qui se passe maintenant :
{{suite}}

Vous avez une question ?
Appelez le {{telephone_service}}.

{{service}}`,
  },
  'decision-defavorable': {
    kind: 'decision-defavorable',
    register: 'falc',
    title: 'Votre demande est refusée',
    body: `Bonjour {{nom}},

Nous avons étudié votre demande numéro {{reference}}.
Votre demande concernait : {{objet}}.
Nous ne pouvons pas accepter votre demande.

Pourquoi ?
{{motif}}

Vous n'êtes pas d'accord ?
Vous pouvez contester cette décision.
Vous avez 2 mois pour le faire.
Vous pouvez écrire à {{service}} pour demander de revoir la décision.
Vous pouvez aussi saisir le tribunal administratif de {{tribunal}}.
Vous pouvez le faire sur internet : www.telerecours.fr.

Vous avez besoin d'aide ?
Appelez le {{telephone_service}}.

{{service}}`,
  },
  'reponse-reclamation': {
    kind: 'reponse-reclamation',
    register: 'falc',
    title: 'Réponse à votre réclamation',
    body: `Bonjour {{nom}},

Vous nous avez écrit le {{date_reception|date}}.
Vous n'êtes pas satisfait de : {{objet}}.
Le numéro de votre réclamation est : {{reference}}.

Nous avons étudié votre réclamation.
Voici notre réponse :
{{reponse}}

Vous n'êtes pas d'accord avec notre réponse ?
Vous pouvez écrire au Défenseur des droits.
C'est gratuit.
Son site internet : www.defenseurdesdroits.fr.

Vous avez une question ?
Appelez le {{telephone_service}}.

{{service}}`,
  },
};

export const STANDARD_TEMPLATES: Readonly<Record<ReplyKind, ReplyTemplate>> = {
  'accuse-reception': {
    kind: 'accuse-reception',
    register: 'standard',
    title: 'Accusé de réception',
    body: `Madame, Monsieur,

Nous accusons réception de votre demande relative à {{objet}}, reçue le {{date_depot|date}} et enregistrée sous la référence {{reference}}.

Votre demande fait l'objet d'une instruction par nos services. Une réponse vous sera apportée au plus tard le {{date_reponse|date}}. Pour toute information complémentaire, vous pouvez contacter le service au {{telephone_service}} en rappelant cette référence.

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

{{service}}`,
  },
  'demande-pieces': {
    kind: 'demande-pieces',
    register: 'standard',
    title: 'Demande de pièces complémentaires',
    body: `Madame, Monsieur,

L'instruction de votre demande enregistrée sous la référence {{reference}} nécessite la production des pièces suivantes :{{pieces|liste}}

Nous vous remercions de bien vouloir nous les transmettre avant le {{date_limite|date}}. À défaut, votre demande ne pourra pas être instruite. Le délai d'instruction ne court qu'à compter de la réception du dossier complet.

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

{{service}}`,
  },
  'decision-favorable': {
    kind: 'decision-favorable',
    register: 'standard',
    title: 'Décision favorable',
    body: `Madame, Monsieur,

J'ai le plaisir de vous informer qu'une suite favorable est donnée à votre demande relative à {{objet}}, enregistrée sous la référence {{reference}}.

{{suite}}

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

{{service}}`,
  },
  'decision-defavorable': {
    kind: 'decision-defavorable',
    register: 'standard',
    title: 'Décision défavorable',
    body: `Madame, Monsieur,

Après examen de votre demande relative à {{objet}}, enregistrée sous la référence {{reference}}, j'ai le regret de vous informer qu'il ne peut y être donné une suite favorable, pour le motif suivant :
{{motif}}

Voies et délais de recours : cette décision peut faire l'objet, dans un délai de deux mois à compter de sa notification, d'un recours gracieux auprès de {{service}} ou d'un recours contentieux devant le tribunal administratif de {{tribunal}}, y compris par l'application Télérecours citoyens (www.telerecours.fr).

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

{{service}}`,
  },
  'reponse-reclamation': {
    kind: 'reponse-reclamation',
    register: 'standard',
    title: 'Réponse à une réclamation',
    body: `Madame, Monsieur,

Par votre courrier du {{date_reception|date}}, enregistré sous la référence {{reference}}, vous nous avez fait part de votre mécontentement au sujet de : {{objet}}. Nous vous remercions d'avoir pris le temps de nous écrire.

Après examen de votre réclamation, voici les éléments de réponse que nous pouvons vous apporter :
{{reponse}}

Si cette réponse ne vous donne pas satisfaction, vous pouvez saisir gratuitement le Défenseur des droits (www.defenseurdesdroits.fr). Pour toute question, vous pouvez joindre le service au {{telephone_service}} en rappelant la référence de votre réclamation.

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

{{service}}`,
  },
};

export const REPLY_TEMPLATES: readonly ReplyTemplate[] = [...Object.values(PLAIN_LANGUAGE_TEMPLATES), ...Object.values(STANDARD_TEMPLATES)];
