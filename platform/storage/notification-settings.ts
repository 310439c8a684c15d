/**
 * Where and whether a user gets email: accounts carry no address (OIDC gives none we keep), so
 * each user sets theirs. `taskCreated` is the opt-in for "a task for you was created"; notices
 * sent by a process (`rouage.notify`, escalations) go to the address whatever it says.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const notificationSettingsSchema = new Schema(
  {
    _id: { type: String, required: true }, // the username
    email: { type: String, default: null },
    taskCreated: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type NotificationSettingsRecord = InferSchemaType<typeof notificationSettingsSchema> & { _id: string };
export const NotificationSettingsModel = mongoose.model('NotificationSettings', notificationSettingsSchema, 'notificationsettings');
