/** The server-side form validator against form-js schemas: each rule, paths, groups, lists, conditions. */
import { validateSubmission, type FieldError } from '../../api/forms/validate-submission';

const schema = {
  type: 'default',
  components: [
    { type: 'text', text: '# Instruction' },
    { type: 'textfield', key: 'nom', label: 'Nom', validate: { required: true, minLength: 2, maxLength: 20 } },
    { type: 'textfield', key: 'reference', label: 'Référence', validate: { pattern: '^SIG-\\d{4}$' } },
    { type: 'textfield', key: 'courriel', label: 'Courriel', validate: { validationType: 'email' } },
    { type: 'textfield', key: 'telephone', label: 'Téléphone', validate: { validationType: 'phone' } },
    { type: 'number', key: 'montant', label: 'Montant', validate: { min: 0, max: 1000 } },
    { type: 'checkbox', key: 'accord', label: 'Accord', validate: { required: true } },
    { type: 'select', key: 'avis', label: 'Avis', values: [{ label: 'Favorable', value: 'favorable' }, { label: 'Défavorable', value: 'defavorable' }], validate: { required: true } },
    { type: 'checklist', key: 'pieces', label: 'Pièces', values: [{ label: 'CNI', value: 'cni' }, { label: 'RIB', value: 'rib' }] },
    { type: 'datetime', key: 'visite', subtype: 'date', label: 'Visite' },
    { type: 'textarea', key: 'motif', label: 'Motif', conditional: { hide: '=avis = "favorable"' }, validate: { required: true } },
    { type: 'textfield', key: 'calcule', label: 'Calculé', readonly: true, validate: { required: true } },
    { type: 'group', path: 'demandeur', components: [{ type: 'textfield', key: 'adresse.ville', label: 'Ville', validate: { required: true } }] },
    { type: 'dynamiclist', path: 'lignes', components: [{ type: 'number', key: 'quantite', label: 'Quantité', validate: { required: true, min: 1 } }] },
  ],
};

const valid = {
  nom: 'Dupont',
  reference: 'SIG-2026',
  courriel: 'a.dupont@example.fr',
  telephone: '+33123456789',
  montant: 120,
  accord: true,
  avis: 'favorable',
  pieces: ['cni'],
  visite: '2026-12-01',
  demandeur: { adresse: { ville: 'Lyon' } },
  lignes: [{ quantite: 2 }],
};

const codes = (errors: FieldError[]) => errors.map((error) => `${error.field}:${error.code}`).sort();

describe('server-side form validation (form-js schemas)', () => {
  it('accepts a submission that follows every rule', () => {
    expect(validateSubmission(schema, valid)).toEqual([]);
  });

  it('reports each broken rule with the field path and French and English messages', () => {
    const errors = validateSubmission(schema, {
      ...valid,
      nom: 'D',
      reference: 'REF-1',
      courriel: 'pas-une-adresse',
      telephone: 'abc',
      montant: 1001,
      accord: false,
      avis: 'peut-etre',
      pieces: ['cni', 'passeport'],
      visite: '01/12/2026',
      demandeur: { adresse: {} },
      lignes: [{ quantite: 1 }, { quantite: 0 }, {}],
    });
    expect(codes(errors)).toEqual(
      [
        'nom:minLength',
        'reference:pattern',
        'courriel:email',
        'telephone:phone',
        'montant:max',
        'accord:required',
        'avis:option',
        'pieces:option',
        'visite:type',
        'demandeur.adresse.ville:required',
        'lignes[1].quantite:min',
        'lignes[2].quantite:required',
        // avis is no longer "favorable": the reason is shown, and required
        'motif:required',
      ].sort(),
    );
    const nom = errors.find((error) => error.field === 'nom')!;
    expect(nom.message.fr).toBe('« Nom » : au moins 2 caractères.');
    expect(nom.message.en).toBe('nom: must have at least 2 characters.');
  });

  it('checks types: text for text fields, numbers for number fields, booleans for checkboxes', () => {
    expect(codes(validateSubmission(schema, { ...valid, nom: 42, montant: '12', accord: 'oui' }))).toEqual(['accord:type', 'montant:type', 'nom:type']);
    const serialized = { components: [{ type: 'number', key: 'n', serializeToString: true, validate: { max: 5 } }] };
    expect(codes(validateSubmission(serialized, { n: '7' }))).toEqual(['n:max']);
  });

  it('reports missing required values, and not missing optional ones', () => {
    expect(codes(validateSubmission(schema, { accord: true, avis: 'favorable', demandeur: { adresse: { ville: 'Nantes' } } }))).toEqual(['nom:required']);
    expect(codes(validateSubmission(schema, { ...valid, nom: '' }))).toEqual(['nom:required']);
  });

  it('skips hidden fields (FEEL conditions) and read-only ones, as the browser does', () => {
    expect(validateSubmission(schema, { ...valid, avis: 'favorable' }).some((error) => error.field === 'motif')).toBe(false);
    expect(validateSubmission(schema, { ...valid, calcule: undefined })).toEqual([]);
  });

  it('follows the browser on the finer points: FEEL limits, custom pattern messages, lengths without surrounding spaces', () => {
    const finer = {
      components: [
        { type: 'number', key: 'montant', label: 'Montant', validate: { max: '=plafond' } },
        { type: 'textfield', key: 'code', label: 'Code', validate: { pattern: '^[A-Z]{3}$', patternErrorMessage: 'Trois majuscules, par exemple ABC.' } },
        { type: 'textfield', key: 'nom', label: 'Nom', validate: { minLength: 3 } },
      ],
    };
    const errors = validateSubmission(finer, { plafond: 100, montant: 150, code: 'ab', nom: ' a  ' });
    expect(codes(errors)).toEqual(['code:pattern', 'montant:max', 'nom:minLength']);
    expect(errors.find((error) => error.field === 'code')!.message.fr).toBe('« Code » : Trois majuscules, par exemple ABC.');
    expect(validateSubmission(finer, { plafond: 200, montant: 150, code: 'ABC', nom: 'Léa' })).toEqual([]);
  });

  it('treats a schema without components, or no form, as nothing to check', () => {
    expect(validateSubmission(null, { anything: 1 })).toEqual([]);
    expect(validateSubmission({ type: 'default' }, {})).toEqual([]);
  });
});
