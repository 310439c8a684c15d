/**
 * The local provider's NLP functions: PII detection and pseudonymisation, summary, value and
 * field extraction, risk assessment and template filling. Pure functions: no server needed.
 */
import { isValidIban, isValidNir, nirKey } from '../../activities/providers/local/checksums';
import { draftFromTemplate, PLAIN_LANGUAGE_TEMPLATES, STANDARD_TEMPLATES, templateSlots } from '../../activities/providers/local/draft';
import { extractFields, extractValues } from '../../activities/providers/local/extract';
import { classifyWithThesaurus, expandFeatures } from '../../activities/providers/local/features';
import { classificationReport, matchSpans } from '../../activities/providers/local/metrics';
import { detectPii, type PiiType } from '../../activities/providers/local/pii';
import { pseudonymizeText, restoreText } from '../../activities/providers/local/pseudonymize';
import { assessRisk } from '../../activities/providers/local/risk';
import { splitSentences } from '../../activities/providers/local/sentences';
import { summarizeText } from '../../activities/providers/local/summarize';

const found = (text: string, type?: PiiType) => detectPii(text).filter((e) => !type || e.type === type).map((e) => e.value);

describe('NIR', () => {
  it('detects a NIR whose key is right, spaced or not, with confidence 1', () => {
    expect(found('Mon numéro de sécurité sociale : 1 84 12 76 451 089 46.', 'nir')).toEqual(['1 84 12 76 451 089 46']);
    expect(found('NIR 184127645108946 merci', 'nir')).toEqual(['184127645108946']);
    expect(detectPii('NIR 184127645108946')[0]!.confidence).toBe(1);
  });

  it('rejects the same number with a wrong key, and does not see a phone number in it', () => {
    expect(isValidNir('1 84 12 76 451 089 47')).toBe(false);
    expect(found('Mon numéro : 1 84 12 76 451 089 47.')).toEqual([]);
  });

  it('computes the key of Corsican departments with 2A = 19 and 2B = 18', () => {
    expect(nirKey('175022A123456')).toBe(nirKey('1750219123456'));
    expect(nirKey('175022B123456')).toBe(nirKey('1750218123456'));
    expect(found('Né à Ajaccio : 2 69 05 2A 004 123 14', 'nir')).toEqual(['2 69 05 2A 004 123 14']);
    expect(found('Né à Bastia : 1 72 11 2B 033 067 02', 'nir')).toEqual(['1 72 11 2B 033 067 02']);
    expect(found('Né à Bastia : 1 72 11 2B 033 067 03', 'nir')).toEqual([]);
  });

  it('rejects an impossible month', () => {
    // 13 is not a month (01-12, 20-42 or 50-99), even with the key that would match.
    const first13 = '1841376451089';
    expect(isValidNir(`${first13}${String(nirKey(first13)).padStart(2, '0')}`)).toBe(false);
  });
});

describe('IBAN', () => {
  it('accepts mod-97 valid IBANs of several countries, with or without spaces', () => {
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(isValidIban('DE44500105175407324931')).toBe(true);
    expect(found('IBAN : FR14 2004 1010 0505 0001 3M02 606, BIC PSSTFRPPXXX', 'iban')).toEqual(['FR14 2004 1010 0505 0001 3M02 606']);
    expect(found('compte DE44 5001 0517 5407 3249 31.', 'iban')).toEqual(['DE44 5001 0517 5407 3249 31']);
  });

  it('rejects wrong check digits and wrong lengths', () => {
    expect(isValidIban('FR17 2004 1010 0505 0001 3M02 606')).toBe(false);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 60')).toBe(false);
    expect(found('IBAN FR17 2004 1010 0505 0001 3M02 606')).toEqual([]);
  });
});

describe('phones and e-mails', () => {
  it.each([
    ['06 39 98 12 45'],
    ['06.39.98.12.45'],
    ['06-39-98-12-45'],
    ['0639981245'],
    ['+33 6 39 98 12 45'],
    ['+33639981245'],
    ['0033 6 39 98 12 45'],
    ['+33 (0)1 99 00 12 34'],
    ['01 99 00 12 34'],
  ])('detects %s', (phone) => {
    expect(found(`Vous pouvez me joindre au ${phone}, merci.`, 'phone')).toEqual([phone]);
  });

  it('ignores amounts, dates, SIRET and reference numbers', () => {
    const text = 'Montant 1 234 567,00 € payé le 06/12/2025 ; SIRET 802 954 785 00028 ; dossier n° 0412345678 ; 0612345678901.';
    expect(found(text, 'phone')).toEqual([]);
  });

  it('detects e-mail addresses without the surrounding punctuation', () => {
    expect(found('Écrivez à <karim.benali+caf@example.org>. Ou à j.dupont@mail.example.com.', 'email')).toEqual([
      'karim.benali+caf@example.org',
      'j.dupont@mail.example.com',
    ]);
  });
});

describe('addresses and names', () => {
  it('detects a postal address with bis, postcode and city', () => {
    expect(found("J'habite au 12 bis rue de la République, 69002 Lyon depuis mars.", 'address')).toEqual(['12 bis rue de la République, 69002 Lyon']);
    expect(found('Le lampadaire devant le 27 boulevard Voltaire est éteint.', 'address')).toEqual(['27 boulevard Voltaire']);
  });

  it('does not take a count of streets or places for an address', () => {
    expect(found('Il y a 3 places de parking, 2 rues plus loin, et la rue Pasteur est fermée.')).toEqual([]);
  });

  it('detects names after a civility, an introduction and in a signature, but not titles', () => {
    expect(found('Dossier suivi par Mme Chevalier et M. Jean-Pierre DURAND.', 'name')).toEqual(['Chevalier', 'Jean-Pierre DURAND']);
    expect(found("Bonjour, je m'appelle Nadia Haddad.", 'name')).toEqual(['Nadia Haddad']);
    expect(found('Madame, Monsieur,\nmerci.\nCordialement,\nAmandine Rousseau', 'name')).toEqual(['Amandine Rousseau']);
    expect(found('Monsieur le Maire, Madame la Directrice, le collège Jean Moulin', 'name')).toEqual([]);
  });

  it('returns non-overlapping entities sorted by position, whose values are their spans', () => {
    const text = 'M. Olivier Girard, 9 rue Victor Hugo 93200 Saint-Denis, tél. 06 39 98 14 77, olivier.girard@example.org';
    const entities = detectPii(text);
    expect(entities.map((e) => e.type)).toEqual(['name', 'address', 'phone', 'email']);
    for (const [i, e] of entities.entries()) {
      expect(text.slice(e.start, e.end)).toBe(e.value);
      if (i > 0) expect(e.start).toBeGreaterThanOrEqual(entities[i - 1]!.end);
    }
  });
});

describe('pseudonymisation', () => {
  const text = 'Mme Sophie Martin (06 39 98 12 45) écrit pour Sophie Martin, NIR 1 84 12 76 451 089 46, sophie.martin@example.org.';

  it('replaces each value by a stable token and restores the exact text', () => {
    const result = pseudonymizeText(text);
    expect(result.text).toBe('Mme [NOM_1] ([TEL_1]) écrit pour [NOM_1], NIR [NIR_1], [EMAIL_1].');
    expect(result.replacements).toEqual([
      { token: '[NOM_1]', type: 'name', value: 'Sophie Martin' },
      { token: '[TEL_1]', type: 'phone', value: '06 39 98 12 45' },
      { token: '[NIR_1]', type: 'nir', value: '1 84 12 76 451 089 46' },
      { token: '[EMAIL_1]', type: 'email', value: 'sophie.martin@example.org' },
    ]);
    expect(restoreText(result.text, result.replacements)).toBe(text);
  });

  it('numbers different values of a type and leaves unknown tokens alone', () => {
    const result = pseudonymizeText('Appeler le 06 39 98 12 45 ou le 01 99 00 12 34.');
    expect(result.text).toBe('Appeler le [TEL_1] ou le [TEL_2].');
    expect(restoreText('[TEL_2] puis [TEL_9]', result.replacements)).toBe('01 99 00 12 34 puis [TEL_9]');
  });

  it('uses the entities given instead of detecting them, finding a value whose offsets are wrong', () => {
    expect(pseudonymizeText('Le dossier de Paul.', [{ type: 'name', start: 14, end: 18, value: 'Paul', confidence: 1 }]).text).toBe('Le dossier de [NOM_1].');
    const shifted = pseudonymizeText('Paul écrit ; Paul signe.', [{ type: 'name', start: 3, end: 7, value: 'Paul', confidence: 1 }]);
    expect(shifted.text).toBe('[NOM_1] écrit ; [NOM_1] signe.');
  });
});

describe('summary', () => {
  const text = [
    'Bonjour,',
    "Je vous écris au sujet du chantier de la rue Pasteur, ouvert par M. Dupont de l'entreprise le 3 mars.",
    'Le chantier bloque la circulation des riverains depuis trois semaines.',
    'Il fait beau aujourd’hui.',
    'Les riverains demandent une date de fin du chantier et un accès pour les secours pendant le chantier.',
    'Merci.',
    'Cordialement.',
  ].join('\n');

  it('splits French sentences without cutting after M. or inside decimals', () => {
    const sentences = splitSentences('M. Dupont a payé 3.5 euros, selon l’art. 12. Mme. Leroy confirme ! Pourquoi ? Voilà.');
    expect(sentences.map((s) => s.text)).toEqual(['M. Dupont a payé 3.5 euros, selon l’art. 12.', 'Mme. Leroy confirme !', 'Pourquoi ?', 'Voilà.']);
  });

  it('keeps the 3 most central sentences in their original order', () => {
    const summary = summarizeText(text, 3);
    expect(summary.sentences).toHaveLength(3);
    expect(summary.sentences).toEqual([
      "Je vous écris au sujet du chantier de la rue Pasteur, ouvert par M. Dupont de l'entreprise le 3 mars.",
      'Le chantier bloque la circulation des riverains depuis trois semaines.',
      'Les riverains demandent une date de fin du chantier et un accès pour les secours pendant le chantier.',
    ]);
    expect(summary.summary).toBe(summary.sentences.join(' '));
    expect(summary.confidence).toBeGreaterThan(0);
    expect(summary.confidence).toBeLessThanOrEqual(1);
  });

  it('returns a short text whole, with confidence 1', () => {
    expect(summarizeText('Une seule phrase.')).toEqual({ summary: 'Une seule phrase.', sentences: ['Une seule phrase.'], confidence: 1 });
  });
});

describe('extraction', () => {
  it('parses amounts in euros', () => {
    const amounts = extractValues('Loyer 1 200 €, charges 1200,50 euros, facture 850€, 1.250,00 € et 12.50 €.').filter((v) => v.kind === 'amount');
    expect(amounts.map((a) => [a.text, a.value])).toEqual([
      ['1 200 €', 1200],
      ['1200,50 euros', 1200.5],
      ['850€', 850],
      ['1.250,00 €', 1250],
      ['12.50 €', 12.5],
    ]);
  });

  it('parses dates to ISO, partial when the year is missing, and rejects impossible ones', () => {
    const dates = extractValues('Le 12/03/2026, le 12 mars 2026, le 1er avril, le 31/02/2026.').filter((v) => v.kind === 'date');
    expect(dates.map((d) => [d.text, d.value, d.kind === 'date' && d.complete])).toEqual([
      ['12/03/2026', '2026-03-12', true],
      ['12 mars 2026', '2026-03-12', true],
      ['1er avril', '--04-01', false],
    ]);
  });

  it('reads counts with their unit', () => {
    const counts = extractValues('Nous sommes un foyer de 4 personnes avec trois enfants, dans 45 m².').filter((v) => v.kind === 'number');
    expect(counts.map((c) => [c.value, c.kind === 'number' && c.unit])).toEqual([
      [4, 'personne'],
      [3, 'enfant'],
      [45, 'm2'],
    ]);
  });

  it('fills fields by keyword proximity, and gives null rather than a guess', () => {
    const text =
      'Mon loyer est de 650 € par mois et mes revenus sont de 1 450,00 euros. Nous avons 2 enfants.\n' +
      'Je suis née le 14/07/1988. Tél : 06 39 98 12 45.\nNuméro allocataire : 1234567';
    const fields = extractFields(text, [
      { name: 'loyer', type: 'amount' },
      { name: 'revenus', type: 'amount', description: 'ressources mensuelles' },
      { name: 'nombreEnfants', type: 'number' },
      { name: 'dateNaissance', type: 'date' },
      { name: 'telephone', type: 'phone' },
      { name: 'numeroAllocataire', type: 'string' },
      { name: 'taxeFonciere', type: 'amount' },
      { name: 'email', type: 'email' },
    ]);
    expect(fields.loyer).toMatchObject({ value: 650 });
    expect(fields.revenus).toMatchObject({ value: 1450 });
    expect(fields.nombreEnfants).toMatchObject({ value: 2 });
    expect(fields.dateNaissance).toMatchObject({ value: '1988-07-14', evidence: 'Je suis née le 14/07/1988.' });
    expect(fields.telephone).toMatchObject({ value: '06 39 98 12 45' });
    expect(fields.numeroAllocataire).toMatchObject({ value: '1234567' });
    expect(fields.taxeFonciere).toBeNull();
    expect(fields.email).toBeNull();
    expect(fields.loyer!.confidence).toBeGreaterThan(0.5);
  });
});

describe('risk', () => {
  it('flags immediate danger as high urgency', () => {
    const risk = assessRisk("Un câble électrique à terre devant l'école, un enfant a été blessé !");
    expect(risk.urgency).toBe('high');
    expect(risk.signals).toContain('urgence-haute: blessé');
  });

  it('does not count a negated danger', () => {
    const risk = assessRisk("Il n'y a pas de danger, mais le lampadaire clignote.");
    expect(risk.urgency).toBe('low');
    expect(risk.signals).toEqual(['nié: pas de danger']);
    expect(assessRisk('Aucun blessé, mais un début d’incendie.').urgency).toBe('high');
    expect(assessRisk('Ce n’est pas urgent.').urgency).toBe('low');
  });

  it('flags legal and media risks', () => {
    const risk = assessRisk('Sans réponse, mon avocat saisira le tribunal et j’alerterai la presse et les réseaux sociaux.');
    expect(risk).toMatchObject({ legalRisk: true, mediaRisk: true, urgency: 'medium' });
    expect(assessRisk('Je voudrais un acte de naissance.')).toMatchObject({ urgency: 'low', legalRisk: false, mediaRisk: false, signals: [] });
  });
});

describe('templates', () => {
  it('fills slots and lists the missing ones, never leaving them blank', () => {
    const draft = draftFromTemplate('Bonjour {{nom}}, votre demande {{reference}} du {{date|date}} : {{montant|euros}}. {{ suite }}', {
      nom: 'Mme Martin',
      date: '2026-04-01',
      montant: 1200.5,
      suite: '',
    });
    expect(draft.text).toBe('Bonjour Mme Martin, votre demande [à compléter : reference] du 1er avril 2026 : 1\u202f200,50\u00a0€. [à compléter : suite]');
    expect(draft.missing).toEqual(['reference', 'suite']);
    expect(draft.used).toEqual(['nom', 'date', 'montant']);
  });

  it('reads dotted paths and renders lists', () => {
    const draft = draftFromTemplate('{{demandeur.nom}} doit envoyer :{{pieces|liste}}', { demandeur: { nom: 'M. Diallo' }, pieces: ['un justificatif de domicile', 'un RIB'] });
    expect(draft.text).toBe('M. Diallo doit envoyer :\n- un justificatif de domicile\n- un RIB');
    expect(draft.missing).toEqual([]);
  });

  it('ships plain-language and standard replies; a refusal states how to appeal', () => {
    for (const kind of ['accuse-reception', 'demande-pieces', 'decision-favorable', 'decision-defavorable'] as const) {
      expect(templateSlots(PLAIN_LANGUAGE_TEMPLATES[kind].body).length).toBeGreaterThan(0);
      expect(STANDARD_TEMPLATES[kind].body).toContain('{{reference}}');
    }
    // Plain language: short sentences.
    const sentences = splitSentences(PLAIN_LANGUAGE_TEMPLATES['decision-defavorable'].body);
    expect(Math.max(...sentences.map((s) => s.text.split(' ').length))).toBeLessThanOrEqual(15);
    expect(PLAIN_LANGUAGE_TEMPLATES['decision-defavorable'].body).toMatch(/2 mois/);
    expect(STANDARD_TEMPLATES['decision-defavorable'].body).toMatch(/tribunal administratif/);
  });
});

describe('evaluation helpers and thesaurus features', () => {
  it('matches spans by type and trimmed value, each annotation once', () => {
    const { counts, missed, spurious } = matchSpans(
      [
        { type: 'phone', value: '06 39 98 12 45 ' },
        { type: 'phone', value: '06 39 98 12 45' },
        { type: 'name', value: 'Paris' },
      ],
      [{ type: 'phone', value: '06 39 98 12 45' }, { type: 'email', value: 'a@example.org' }],
    );
    expect(counts.get('phone')).toEqual({ truePositives: 1, falsePositives: 1, falseNegatives: 0 });
    expect(missed).toEqual([{ type: 'email', value: 'a@example.org' }]);
    expect(spurious.map((s) => s.value)).toEqual(['06 39 98 12 45', 'Paris']);
  });

  it('computes accuracy and per-label scores', () => {
    const report = classificationReport([
      { expected: 'a', predicted: 'a' },
      { expected: 'a', predicted: 'b' },
      { expected: 'b', predicted: 'b' },
    ]);
    expect(report.accuracy).toBeCloseTo(2 / 3);
    expect(report.labels.find((l) => l.label === 'b')).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it('adds concept tokens that let an unseen word count', () => {
    expect(expandFeatures('Les candélabres sont éteints')).toMatch(/zzkvoirieq/);
    const examples = [
      { text: 'Le lampadaire est en panne', label: 'voirie' },
      { text: 'La poubelle n’a pas été ramassée', label: 'proprete' },
    ];
    expect(classifyWithThesaurus('Un réverbère ne marche plus', examples).label).toBe('voirie');
  });
});
