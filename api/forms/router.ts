/**
 * `/api/v1/forms`: form-js schemas that user tasks link by `zeebe:formDefinition formId`.
 * Process owners and admins store them (each PUT is a new version); anyone signed in reads them.
 */
import { Router } from 'express';
import { z } from 'zod';
import { FormModel, insertOnce, type FormRecord } from '../../platform/storage';
import { currentUser, requireRole } from '../auth/current-user';
import { problems } from '../problems';
import { parseRequest } from '../validation';

const formIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/, 'letters, digits, "_", "." and "-", up to 200 characters');
/** A form-js schema: what the form editor saves (components are checked loosely; the viewer reads the rest). */
const schemaSchema = z.looseObject({
  components: z.array(z.looseObject({ type: z.string().min(1) })),
  type: z.literal('default').optional(),
});

const present = (form: FormRecord) => ({ formId: form._id, version: form.version, schema: form.schema, updatedBy: form.updatedBy, updatedAt: form.updatedAt });

export function formsRouter(): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const forms = await FormModel.find({}, { schema: 0 }).sort({ _id: 1 }).limit(500).lean<FormRecord[]>();
    res.json({ items: forms.map((form) => ({ formId: form._id, version: form.version, updatedBy: form.updatedBy, updatedAt: form.updatedAt })) });
  });

  router.get('/:formId', async (req, res) => {
    const form = await FormModel.findById(req.params.formId).lean<FormRecord>();
    if (!form) throw problems.notFound('Form', req.params.formId);
    res.json(present(form));
  });

  router.put('/:formId', requireRole('owner', 'admin'), async (req, res) => {
    const formId = parseRequest(formIdSchema, req.params.formId);
    const schema = parseRequest(schemaSchema, req.body);
    const by = currentUser(res).username;
    const existing = await FormModel.findById(formId).lean<FormRecord>();
    if (!existing) {
      if (await insertOnce(FormModel, { _id: formId, version: 1, schema, updatedBy: by })) {
        return res.status(201).json(present((await FormModel.findById(formId).lean<FormRecord>())!));
      }
      throw problems.conflict(`Form ${formId} was created by someone else meanwhile. Load it and save again.`);
    }
    const saved = await FormModel.updateOne({ _id: formId, version: existing.version }, { $set: { schema, updatedBy: by, version: existing.version + 1 } });
    if (saved.modifiedCount !== 1) throw problems.conflict(`Form ${formId} was changed by someone else meanwhile. Load it and save again.`);
    res.json(present((await FormModel.findById(formId).lean<FormRecord>())!));
  });

  return router;
}
