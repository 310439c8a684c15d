/** The inbox's own French texts (the shared ones, in i18n/fr.ts, are reused where they fit). */
import type { SlaState, TaskHistoryEntry, TaskSort, TaskView } from '../api';

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export const inboxText = {
  tabsLabel: 'Vues de la boîte de tâches',
  views: { mine: 'Mes tâches', groups: 'Mes groupes', unassigned: 'À prendre', all: 'Toutes' } satisfies Record<TaskView, string>,
  viewCount: (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${count})`),
  lateCount: (count: number) => plural(count, 'tâche en retard', 'tâches en retard'),
  filtersLegend: 'Filtrer et trier',
  process: 'Processus',
  processHint: 'Clé du processus, par exemple triage-signalement',
  dueBefore: 'Échéance avant le',
  sort: 'Trier par',
  sorts: { created: 'Les plus récentes', due: 'Échéance la plus proche', priority: 'Priorité la plus haute' } satisfies Record<TaskSort, string>,
  applyFilters: 'Filtrer',
  clearFilters: 'Effacer les filtres',
  more: 'Afficher plus de tâches',
  shown: (count: number) => `${plural(count, 'tâche affichée', 'tâches affichées')}`,
  live: 'Mise à jour en direct',
  liveLost: 'Mise à jour en direct interrompue : la liste est actualisée toutes les 30 secondes.',
  columns: { due: 'Échéance', priority: 'Priorité' },
  noDue: 'Aucune',
  sla: { onTime: 'Dans les temps', atRisk: 'À risque', late: 'En retard' } satisfies Record<SlaState, string>,
  priority: (value: number) => (value >= 75 ? `Haute (${value})` : value <= 25 ? `Basse (${value})` : `Normale (${value})`),
  instructions: 'Consignes',
  followUp: 'À relancer le',
  path: 'Parcours du dossier',
  pathStep: (element: string) => element,
  pathCurrent: 'en cours',
  pathCanceled: 'annulé',
  pathUnavailable: 'Le parcours du dossier n’a pas pu être chargé.',
  formTitle: 'Formulaire',
  formUnavailable: (key: string) => `Le formulaire « ${key} » n’est pas disponible ici : transmettez le résultat ci-dessous.`,
  formInvalid: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
  serverFieldErrors: 'Le serveur a refusé ces champs :',
  comments: 'Commentaires',
  noComments: 'Aucun commentaire.',
  commentLabel: 'Votre commentaire',
  addComment: 'Ajouter le commentaire',
  commentAdded: 'Commentaire ajouté.',
  delegateTitle: (supervisor: boolean) => (supervisor ? 'Attribuer la tâche' : 'Déléguer la tâche'),
  delegateLabel: 'Identifiant de la personne',
  delegateHint: (supervisor: boolean) => (supervisor ? 'N’importe quel agent actif.' : 'Un autre agent des groupes de la tâche.'),
  delegate: (supervisor: boolean) => (supervisor ? 'Attribuer' : 'Déléguer'),
  delegated: (to: string) => `La tâche est maintenant attribuée à ${to}.`,
  history: 'Historique',
  historyAction: (entry: TaskHistoryEntry) => {
    const who = entry.by ?? 'le processus';
    switch (entry.action) {
      case 'created':
        return 'Créée par le processus';
      case 'claimed':
        return `Prise en charge par ${who}`;
      case 'unclaimed':
        return `Libérée par ${who}`;
      case 'assigned':
        return `Attribuée à ${entry.assignee ?? '?'} par ${who}`;
      case 'delegated':
        return `Déléguée à ${entry.assignee ?? '?'} par ${who}`;
      case 'commented':
        return `Commentée par ${who}`;
      case 'completed':
        return `Terminée par ${who}`;
      case 'canceled':
        return 'Annulée (le dossier a pris un autre chemin)';
    }
  },
  changedElsewhere: {
    claimed: (by: string) => `Cette tâche vient d’être prise en charge par ${by}.`,
    released: 'Cette tâche vient d’être libérée : elle est de nouveau disponible.',
    completed: 'Cette tâche vient d’être terminée par quelqu’un d’autre : il n’y a plus rien à faire.',
    canceled: 'Cette tâche vient d’être annulée : le dossier a pris un autre chemin.',
  },
  outbox: {
    title: 'Courriels de notification (administration)',
    intro: (smtp: boolean) =>
      smtp ? 'Les derniers courriels envoyés ou en attente.' : 'Aucun serveur SMTP n’est configuré (SMTP_URL) : les notifications restent ici, non envoyées.',
    empty: 'Aucun courriel.',
    columns: { subject: 'Objet', to: 'Destinataires', state: 'État', created: 'Créé le' },
    states: { pending: 'En attente', sent: 'Envoyé', failed: 'Échec' } as Record<string, string>,
  },
};
