// Schemas of the dispute-risk model: the history mapping file, invoice history records and the model file.
import { z } from 'zod';

/** How to read a distributor's CSV export of past invoices: which column holds what. */
export const historyMappingSchema = z.object({
  name: z.string().min(1).describe('a label for the data set, recorded in the model file'),
  columns: z.object({
    customer: z.string().min(1),
    invoiceDate: z.string().min(1),
    amount: z.string().min(1),
    disputed: z.string().min(1),
    /** Only used in error messages and to keep the order of same-day invoices stable. */
    invoiceId: z.string().min(1).nullable().default(null),
  }),
  dateFormat: z.enum(['YYYY-MM-DD', 'M/D/YYYY', 'D/M/YYYY']),
  /** Values of the disputed column (case-insensitive, trimmed) that mean "disputed" and "not disputed". */
  disputedValues: z.object({
    yes: z.array(z.string()).min(1).default(['yes', 'y', 'true', '1']),
    no: z.array(z.string()).min(1).default(['no', 'n', 'false', '0']),
  }).default({ yes: ['yes', 'y', 'true', '1'], no: ['no', 'n', 'false', '0'] }),
  /**
   * Invoice attributes known when the invoice is raised (never outcomes such as days late). Each becomes a model
   * feature; at scoring time its value comes from `RiskInput.extras`, and a missing value counts as typical.
   */
  extras: z.array(z.object({
    column: z.string().min(1),
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case'),
    type: z.enum(['categorical', 'numeric']),
  })).default([]),
});
export type HistoryMapping = z.infer<typeof historyMappingSchema>;

/** One past invoice, as read from the CSV (or, later, from the ERP's invoice history). */
export const historyInvoiceSchema = z.object({
  customerId: z.string(),
  /** ISO date (YYYY-MM-DD). */
  date: z.iso.date(),
  amount: z.number(),
  disputed: z.boolean(),
  invoiceId: z.string().nullable(),
  extras: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type HistoryInvoice = z.infer<typeof historyInvoiceSchema>;

/** A learned feature: how to standardise it and its weight on the log-odds (of the standardised value). */
export const modelFeatureSchema = z.object({
  name: z.string(),
  mean: z.number(),
  sd: z.number().positive(),
  weight: z.number(),
});

export const modelMetricsSchema = z.object({
  rocAuc: z.number().nullable(),
  prAuc: z.number().nullable(),
  brier: z.number().nullable(),
  ece: z.number().nullable(),
  baselineRocAuc: z.number().nullable(),
  baselinePrAuc: z.number().nullable(),
  baselineBrier: z.number().nullable(),
  baselineEce: z.number().nullable(),
  /** ECE of the model before calibration on the same invoices: what the calibration step bought. */
  uncalibratedEce: z.number().nullable(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

const periodSchema = z.object({ from: z.iso.date(), to: z.iso.date(), invoices: z.number().int().nonnegative(), disputed: z.number().int().nonnegative() });

/** Documented log-odds for features of the change under review; recorded in the file so a version scores the same forever. */
export const changeOffsetsSchema = z.object({
  version: z.string(),
  source: z.literal('documented-prior'),
  offsets: z.record(z.string(), z.number()),
});
export type ChangeOffsets = z.infer<typeof changeOffsetsSchema>;

export const riskModelSchema = z.object({
  kind: z.literal('changedesk-dispute-risk'),
  schemaVersion: z.literal(1),
  /** `risk-<yyyymmdd>-<first 8 hex of the sha256 of the learned content>`. */
  version: z.string().regex(/^risk-\d{8}-[0-9a-f]{8}$/),
  trainedAt: z.iso.datetime(),
  data: z.object({
    name: z.string(),
    invoices: z.number().int().positive(),
    customers: z.number().int().positive(),
    /** Everything before the latest 30%: the learner's weights. */
    train: periodSchema,
    /** The training invoices whose forward-chained predictions fitted the calibration. */
    calibration: periodSchema.extend({ method: z.literal('forward-chaining'), blocks: z.number().int().min(2) }),
    /** The latest 30% by date: the evaluation below; never used for fitting or calibrating. */
    test: periodSchema,
  }),
  /** The dispute rate of the training period: the prior that smooths a customer's own rate. */
  priorRate: z.number().gt(0).lt(1),
  /** Pseudo-invoices at `priorRate` added to a customer's history when smoothing its rate. */
  smoothing: z.number().positive(),
  learner: z.object({ method: z.literal('logistic-regression-l2-newton'), l2: z.number().nonnegative(), intercept: z.number(), iterations: z.number().int() }),
  features: z.array(modelFeatureSchema),
  /** Levels of each categorical extra, in the order of their one-hot features (`<name>=<level>`). */
  extras: z.array(z.object({ name: z.string(), type: z.enum(['categorical', 'numeric']), levels: z.array(z.string()) })),
  calibration: z.object({ method: z.literal('platt'), a: z.number(), b: z.number() }),
  changeOffsets: changeOffsetsSchema,
  metrics: modelMetricsSchema,
  reliability: z.array(z.object({ lo: z.number(), hi: z.number(), count: z.number().int(), meanPredicted: z.number(), observedRate: z.number() })),
});
export type RiskModel = z.infer<typeof riskModelSchema>;
