/**
 * French for the bpmn-js texts a process owner meets first (palette, context pad, create and
 * append menus, the properties panel groups and fields Rouage uses). Other texts stay in
 * English, as bpmn-js ships them.
 */
import type { ModuleDeclaration } from 'didi';

const french: Record<string, string> = {
  // Palette and tools
  'Activate hand tool': 'Outil main (déplacer la vue)',
  'Activate lasso tool': 'Outil lasso (sélection)',
  'Activate create/remove space tool': 'Outil espace (insérer ou retirer de l’espace)',
  'Activate global connect tool': 'Outil de connexion',
  'Create start event': 'Créer un événement de début',
  'Create end event': 'Créer un événement de fin',
  'Create task': 'Créer une tâche',
  'Create gateway': 'Créer une passerelle',
  'Create intermediate/boundary event': 'Créer un événement intermédiaire',
  'Create expanded sub-process': 'Créer un sous-processus',
  'Create pool/participant': 'Créer un couloir (participant)',
  'Create data object reference': 'Créer un objet de données',
  'Create data store reference': 'Créer un stock de données',
  'Create group': 'Créer un groupe',
  'Create element': 'Créer un élément',
  // Context pad
  'Append element': 'Ajouter un élément à la suite',
  'Append task': 'Ajouter une tâche à la suite',
  'Append end event': 'Ajouter un événement de fin',
  'Append gateway': 'Ajouter une passerelle',
  'Append intermediate/boundary event': 'Ajouter un événement intermédiaire',
  'Add text annotation': 'Ajouter une annotation',
  'Change element': 'Changer le type d’élément',
  'Connect to other element': 'Relier à un autre élément',
  'Connect using sequence flow': 'Relier par un flux de séquence',
  Delete: 'Supprimer',
  // Create / append menus
  Templates: 'Modèles',
  Events: 'Événements',
  Tasks: 'Tâches',
  Gateways: 'Passerelles',
  'Sub-processes': 'Sous-processus',
  Data: 'Données',
  Participants: 'Participants',
  'Start event': 'Événement de début',
  'End event': 'Événement de fin',
  Task: 'Tâche',
  'User task': 'Tâche utilisateur',
  'Service task': 'Tâche de service',
  'Exclusive gateway': 'Passerelle exclusive',
  'Parallel gateway': 'Passerelle parallèle',
  // Properties panel
  General: 'Général',
  Name: 'Nom',
  ID: 'Identifiant',
  Documentation: 'Documentation',
  'Element documentation': 'Documentation de l’élément',
  'Process name': 'Nom du processus',
  Executable: 'Exécutable',
  Assignment: 'Affectation',
  Assignee: 'Responsable',
  'Candidate groups': 'Groupes candidats',
  'Candidate users': 'Utilisateurs candidats',
  'Task definition': 'Définition de la tâche',
  'Job type': 'Type de tâche',
  Retries: 'Tentatives',
  Inputs: 'Entrées',
  Outputs: 'Sorties',
  Headers: 'En-têtes',
  'Condition expression': 'Expression de condition',
  Form: 'Formulaire',
  Template: 'Modèle',
  Applied: 'Appliqué',
  'Update available': 'Mise à jour disponible',
  Deprecated: 'Obsolète',
  'Input mapping': 'Variables d’entrée',
  'Output mapping': 'Variables de sortie',
  'Execution listeners': 'Écouteurs d’exécution',
  'Task listeners': 'Écouteurs de tâche',
  'Extension properties': 'Propriétés d’extension',
  Implementation: 'Implémentation',
  'Job priority': 'Priorité des tâches',
  Select: 'Choisir',
  'Choose a template': 'Choisir un modèle d’activité',
  Unlink: 'Détacher',
  Remove: 'Retirer',
  Update: 'Mettre à jour',
};

function translate(template: string, replacements: Record<string, string> = {}): string {
  return (french[template] ?? template).replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

export const frenchTranslateModule: ModuleDeclaration = { translate: ['value', translate] };
