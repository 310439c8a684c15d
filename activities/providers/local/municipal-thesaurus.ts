/**
 * A thesaurus of municipal services' vocabulary: words (accent-free, lower case) grouped by the
 * domain they belong to, after the usual topics of a French commune's services (état civil,
 * urbanisme, propreté, voirie, CCAS, fiscalité locale, affaires scolaires). Used as extra
 * features: with a few dozen examples per category, a classifier has not seen "candélabre" but
 * knows "lampadaire"; the thesaurus says both are street lighting.
 */
export const MUNICIPAL_THESAURUS: Readonly<Record<string, string>> = {
  etatcivil:
    'acte actes naissance naitre mariage marier maries deces decede livret famille pacs pacse prenom nom usage reconnaissance ' +
    'reconnaitre filiation etat civil officier bans publication temoin temoins carte identite passeport titre cni ' +
    'recensement recenser citoyennete jdc legalisation signature attestation accueil certificat vie residence transcription ' +
    'transcrire adoption adopte divorce mention marge genealogie nationalite naturalisation naturalise sortie territoire ' +
    'parrainage bapteme republicain union ceremonie epoux epouse conjoint sexe duplicata copie integrale extrait',
  urbanisme:
    'permis construire construction construit amenager demolir demolition declaration prealable certificat urbanisme plu ' +
    'plan local zonage zone constructible cadastre cadastral parcelle terrain lotissement extension agrandissement ' +
    'agrandir veranda abri jardin piscine cloture mur facade ravalement toiture toit fenetre fenetres volet volets velux ' +
    'surelevation surelever etage architecte batiments france conformite achevement chantier travaux batir surface ' +
    'plancher limite separative servitude bornage carport garage grange destination enseigne solaires pompe chaleur ' +
    'annexe hauteur emprise instruction modificatif prorogation affichage ppri inondable',
  proprete:
    'dechet dechets poubelle poubelles bac bacs ordure ordures menageres collecte collecter ramassage ramasse eboueur ' +
    'eboueurs encombrant encombrants dechetterie decheterie tri trier selectif recyclage recycler sac sacs jaune verre ' +
    'bouteilles conteneur conteneurs container containers benne compost composteur biodechets depot sauvage abandonne ' +
    'detritus proprete nettoyage nettoyer balayage balayer tag tags graffiti graffitis dejections canines crottes corbeille ' +
    'corbeilles salete sale sales odeur odeurs gravats pneus piles emballages cartons papier vetements matelas frigo ' +
    'refrigerateur vidage deborde debordent seringues',
  voirie:
    'voirie route routes chaussee trottoir trottoirs nid poule trou trous bitume enrobe goudron asphalte pave paves dalle ' +
    'dalles lampadaire lampadaires eclairage public reverbere candelabre candelabres ampoule lumiere eteint eteints allume ' +
    'allumes feu feux tricolore signalisation panneau panneaux marquage passage pieton pietons ralentisseur stationnement ' +
    'stationner garer parking circulation carrefour croisement virage pont deneigement deneiger neige verglas saler ' +
    'caniveau egout bordure bordures potelet potelets radar sens unique piste cyclable velo velos miroir affaissement ' +
    'gravillons voiture voitures vitesse zone bleue livraison',
  social:
    'ccas aide aides social sociale sociales assistante epicerie alimentaire colis banque secours urgence logement logements ' +
    'hlm expulsion loyer loyers impaye impayes dette dettes surendettement rsa apa autonomie handicap mdph agee ages agees ' +
    'isole isolee domicile portage repas teleassistance chomage ressources revenus pauvrete precarite hebergement foyer ' +
    'domiciliation mutuelle complementaire cheque energie facture factures electricite chauffage allocation allocations ' +
    'vulnerable vulnerables retraite pension invalidite refugies violences obseques bons payer moyens',
  fiscalite:
    'taxe taxes fonciere foncieres impot impots local locaux locale habitation secondaire teom exoneration exonere ' +
    'degrevement abattement valeur locative cadastrale taux imposition avis echeancier mensualiser mensualisation ' +
    'prelevement paiement majoration penalite cotisation cfe sejour vacant vacants redevance deliberation contribuable ' +
    'tresor public finances fiscal fiscale surtaxe plafonnement indivision bati proprietaire remboursement reclamation',
  scolaire:
    'ecole ecoles scolaire scolaires scolariser scolarisation maternelle elementaire primaire cp ce1 ce2 cm1 cm2 classe ' +
    'classes eleve eleves enfant enfants fils fille cantine restauration restaurant refectoire repas menu menus garderie ' +
    'periscolaire accueil loisirs centre alsh mercredi vacances rentree inscription inscrire derogation secteur transport ' +
    'car navette directeur directrice enseignant enseignants instituteur maitresse atsem aesh pai allergie allergique etude ' +
    'surveillee recreation cour gouter section radiation instruction',
};
