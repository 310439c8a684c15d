/** Extraction from French text: values (amounts, dates, counts) and named, typed fields. */
export { extractValues, parseFrenchNumber, type AmountValue, type DateValue, type ExtractedValue, type NumberValue } from './extract-values';
export { extractFields, type ExtractedField, type FieldSpec, type FieldType } from './extract-fields';
