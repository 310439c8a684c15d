/**
 * Server-side validation of a form-js submission against the form's schema: the same rules the
 * form-js viewer applies in the browser (`validate`: required, min/max, minLength/maxLength,
 * pattern, validationType email/phone; the value's type for each field kind; options of
 * select/radio/checklist/taglist), so a client that skips the browser cannot send what the form
 * forbids. Pure: no I/O, one schema and one submission in, the list of field errors out.
 *
 * Keys may be paths (`demandeur.nom`), prefixed by the `path` of enclosing groups; fields
 * hidden by their `conditional.hide` FEEL expression, read-only and disabled fields are not
 * checked (form-js does not submit them). Dynamic lists validate each item.
 */
import { evaluate } from 'feelin';

export interface FieldError {
  /** The variable path of the field (`demandeur.nom`, `pieces[1].type`). */
  field: string;
  code: 'required' | 'type' | 'min' | 'max' | 'minLength' | 'maxLength' | 'pattern' | 'email' | 'phone' | 'option';
  message: { fr: string; en: string };
  /** The same without the field's name, for display under the field itself. */
  rule: { fr: string; en: string };
}

export interface Component {
  type?: string;
  key?: string;
  path?: string;
  label?: string;
  components?: Component[];
  values?: { value: unknown; label?: string }[];
  valuesKey?: string;
  subtype?: string;
  disabled?: boolean;
  readonly?: boolean | string;
  serializeToString?: boolean;
  conditional?: { hide?: string };
  validate?: {
    required?: boolean;
    min?: number | string;
    max?: number | string;
    minLength?: number | string;
    maxLength?: number | string;
    pattern?: string;
    patternErrorMessage?: string;
    validationType?: 'email' | 'phone' | 'custom';
  };
}

const CONTAINERS = new Set(['group', 'dynamiclist', 'default']);
const VALUE_FIELDS = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio', 'checklist', 'taglist', 'datetime']);
/** The HTML specification's "valid e-mail address" (what form-js checks too). */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** An international number (E.164-like: + or 00, a country code, digits only), as form-js asks for. */
const PHONE = /^(\+|00)[1-9]\d{6,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$/;

function get(data: unknown, path: string[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** `conditional.hide`: FEEL over the submitted data; a failing expression hides nothing (the field is checked). */
function isHidden(component: Component, data: Record<string, unknown>): boolean {
  const expression = component.conditional?.hide;
  if (!expression) return false;
  try {
    return evaluate(expression.replace(/^=/, ''), data).value === true;
  } catch {
    return false;
  }
}

/** min, max, minLength and maxLength may be FEEL (`=montantPlafond`), evaluated over the submitted data as form-js does. */
function numericRule(rule: number | string | undefined, data: Record<string, unknown>): number | undefined {
  if (typeof rule === 'number') return rule;
  if (typeof rule !== 'string' || !rule.startsWith('=')) return undefined;
  try {
    const value = evaluate(rule.slice(1), data).value;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

function label(component: Component, field: string): string {
  return component.label ? `« ${component.label} »` : field;
}

function checkValue(component: Component, field: string, value: unknown, data: Record<string, unknown>, errors: FieldError[]): void {
  const rules = component.validate ?? {};
  const [min, max, minLength, maxLength] = [rules.min, rules.max, rules.minLength, rules.maxLength].map((rule) => numericRule(rule, data));
  const name = label(component, field);
  const add = (code: FieldError['code'], fr: string, en: string): void => void errors.push({ field, code, message: { fr: `${name} : ${fr}`, en: `${field}: ${en}` }, rule: { fr, en } });
  const required = rules.required === true && !component.disabled && component.readonly !== true;
  if (component.type === 'checkbox') {
    if (value !== undefined && value !== null && typeof value !== 'boolean') return add('type', 'doit être coché ou non (vrai/faux).', 'must be true or false.');
    if (required && value !== true) add('required', 'doit être coché.', 'must be checked.');
    return;
  }
  if (isEmpty(value)) {
    if (required) add('required', 'ce champ est obligatoire.', 'this field is required.');
    return;
  }
  switch (component.type) {
    case 'number': {
      const number = typeof value === 'number' ? value : component.serializeToString && typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) return add('type', 'doit être un nombre.', 'must be a number.');
      if (min !== undefined && number < min) add('min', `doit être au moins ${min}.`, `must be at least ${min}.`);
      if (max !== undefined && number > max) add('max', `doit être au plus ${max}.`, `must be at most ${max}.`);
      return;
    }
    case 'select':
    case 'radio':
      if (component.values && !component.values.some((option) => option.value === value)) add('option', 'choisissez une des valeurs proposées.', 'must be one of the options.');
      return;
    case 'checklist':
    case 'taglist':
      if (!Array.isArray(value)) return add('type', 'doit être une liste.', 'must be a list.');
      if (component.values && value.some((item) => !component.values!.some((option) => option.value === item))) {
        add('option', 'ne choisissez que des valeurs proposées.', 'must hold only the options.');
      }
      return;
    case 'datetime': {
      if (typeof value !== 'string') return add('type', 'doit être une date ou une heure.', 'must be a date or time string.');
      const ok = component.subtype === 'date' ? DATE.test(value) : component.subtype === 'time' ? TIME.test(value) : !Number.isNaN(Date.parse(value));
      if (!ok) add('type', 'date ou heure invalide.', 'is not a valid date or time.');
      return;
    }
    default: {
      // textfield, textarea
      if (typeof value !== 'string') return add('type', 'doit être du texte.', 'must be text.');
      // Lengths count what the agent typed, without surrounding spaces (as the browser does).
      const length = value.trim().length;
      if (minLength !== undefined && length < minLength) add('minLength', `au moins ${minLength} caractères.`, `must have at least ${minLength} characters.`);
      if (maxLength !== undefined && length > maxLength) add('maxLength', `au plus ${maxLength} caractères.`, `must have at most ${maxLength} characters.`);
      if (rules.validationType === 'email' && !EMAIL.test(value)) add('email', 'adresse électronique invalide.', 'must be an email address.');
      if (rules.validationType === 'phone' && !PHONE.test(value)) add('phone', 'numéro de téléphone international invalide (ex. +33123456789).', 'must be an international phone number (e.g. +33123456789).');
      if (rules.pattern) {
        let pattern: RegExp | undefined;
        try {
          pattern = new RegExp(rules.pattern);
        } catch {
          pattern = undefined; // a broken pattern in the schema checks nothing, as in the browser
        }
        if (pattern && !pattern.test(value)) {
          add('pattern', rules.patternErrorMessage ?? 'le format attendu n’est pas respecté.', rules.patternErrorMessage ?? `must match ${rules.pattern}.`);
        }
      }
    }
  }
}

function walk(components: Component[], prefix: string[], data: Record<string, unknown>, scope: unknown, errors: FieldError[]): void {
  for (const component of components) {
    if (isHidden(component, data)) continue;
    const type = component.type ?? '';
    if (type === 'dynamiclist' && component.path) {
      const listPath = [...prefix, ...component.path.split('.')];
      const items = get(scope, listPath);
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        const itemErrors: FieldError[] = [];
        walk(component.components ?? [], [], data, item, itemErrors);
        const at = `${listPath.join('.')}[${index}]`;
        errors.push(...itemErrors.map((error) => ({ ...error, field: `${at}.${error.field}` })));
      });
      continue;
    }
    if (CONTAINERS.has(type)) {
      walk(component.components ?? [], component.path ? [...prefix, ...component.path.split('.')] : prefix, data, scope, errors);
      continue;
    }
    if (!VALUE_FIELDS.has(type) || !component.key || component.disabled || component.readonly === true) continue;
    const path = [...prefix, ...component.key.split('.')];
    checkValue(component, path.join('.'), get(scope, path), data, errors);
  }
}

/**
 * The errors of one field's value (the browser's form-js validator uses it, so both sides
 * apply the same rules). `data` is what FEEL limits are evaluated over.
 */
export function validateField(component: Component, value: unknown, data: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (VALUE_FIELDS.has(component.type ?? '')) checkValue(component, component.key ?? '', value, data, errors);
  return errors;
}

/** The field errors of `data` against a form-js `schema` (empty when it is valid). */
export function validateSubmission(schema: unknown, data: Record<string, unknown>): FieldError[] {
  const components = (schema as { components?: Component[] } | null)?.components;
  if (!Array.isArray(components)) return [];
  const errors: FieldError[] = [];
  walk(components, [], data, data, errors);
  return errors;
}
