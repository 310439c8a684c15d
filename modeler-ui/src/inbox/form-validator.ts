/**
 * A form-js module replacing the viewer's validator with the server's (api/forms/validate-submission.ts,
 * pure TypeScript): the browser then applies exactly the rules the server checks again, and
 * says what is wrong in French (form-js's own messages are English only).
 */
import { validateField, type Component } from '../../../api/forms/validate-submission';

interface FieldRegistry {
  get(id: string): Component | undefined;
}

class RouageFormValidator {
  static $inject = ['formFieldRegistry'];

  constructor(private readonly registry: FieldRegistry) {}

  /** form-js calls it for each field as it changes and on submit; it wants the messages. */
  validateFieldInstance(fieldInstance: { id: string; expressionContextInfo?: unknown }, value: unknown): string[] {
    const field = this.registry.get(fieldInstance.id);
    if (!field) return [];
    const context = fieldInstance.expressionContextInfo;
    const data = context && typeof context === 'object' ? (context as Record<string, unknown>) : {};
    return validateField(field, value, data).map((error) => error.rule.fr);
  }

  /** The deprecated entry point some fields still use. */
  validateField(field: Component, value: unknown): string[] {
    return validateField(field, value, {}).map((error) => error.rule.fr);
  }
}

export const rouageFormValidatorModule = { validator: ['type', RouageFormValidator] };
