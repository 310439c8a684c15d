/**
 * Stored form-js schemas, linked from user tasks by `zeebe:formDefinition formId`. Each PUT
 * makes a new version; a task keeps the schema it opened with (see activities/human-tasks.ts),
 * so editing a form never changes what an open task validates against.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const formSchema = new Schema(
  {
    _id: { type: String, required: true }, // the formId
    version: { type: Number, required: true },
    schema: { type: Schema.Types.Mixed, required: true },
    updatedBy: { type: String, required: true },
  },
  { timestamps: true, minimize: false },
);

export type FormRecord = InferSchemaType<typeof formSchema> & { _id: string };
export const FormModel = mongoose.model('Form', formSchema);
