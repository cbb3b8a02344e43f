import { z } from 'zod';
import {
  DEFAULT_TIMEZONE,
  emailSchema,
  idSchema,
  passwordSchema,
  personNameSchema,
  timeZoneSchema,
} from './common';

export const roles = ['owner', 'admin', 'staff'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const tenantSettingsSchema = z.object({
  slotStepMin: z.number().int().min(5).max(240).default(15),
  minNoticeMin: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .default(60),
  horizonDays: z.number().int().min(1).max(365).default(60),
  autoApprove: z.boolean().default(false),
  /** Hours before an appointment its reminder goes out (0: no reminders). */
  reminderHoursBefore: z.number().int().min(0).max(168).default(24),
  /** Campaign messages per minute, to keep unofficial WhatsApp connections from being banned. */
  campaignSendsPerMinute: z.number().int().min(1).max(600).default(20),
  /** Hours a chat booking request waits for the owner before its slot is released. */
  requestExpiryHours: z.number().int().min(1).max(168).default(24),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;
export const defaultTenantSettings: TenantSettings = tenantSettingsSchema.parse({});

export const tenantSchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
  settings: tenantSettingsSchema,
  /** The business logo: a stored file of purpose `logo`. */
  logoFileId: idSchema.nullable(),
  createdAt: z.string(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const userSchema = z.object({
  id: idSchema,
  tenantId: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const registerInput = z.object({
  businessName: personNameSchema,
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  timezone: timeZoneSchema.default(DEFAULT_TIMEZONE),
});
export type RegisterInput = z.input<typeof registerInput>;

export const loginInput = z.object({
  email: emailSchema,
  // Any length is accepted here: a login must not reveal the password policy of an account.
  password: z.string().min(1, { error: 'Informe a senha.' }).max(1024),
});
export type LoginInput = z.infer<typeof loginInput>;

export const refreshTokenSchema = z.string().min(20).max(200);

export const refreshInput = z.object({ refreshToken: refreshTokenSchema });
export const logoutInput = z.object({ refreshToken: refreshTokenSchema });

export const tokenPairSchema = z.object({ accessToken: z.string(), refreshToken: z.string() });
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const authSessionSchema = tokenPairSchema.extend({ user: userSchema, tenant: tenantSchema });
export type AuthSession = z.infer<typeof authSessionSchema>;

export const meOutput = z.object({ user: userSchema, tenant: tenantSchema });
export type Me = z.infer<typeof meOutput>;

export const createUserInput = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(['admin', 'staff']).default('staff'),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateProfileInput = z
  .object({ name: personNameSchema.optional(), email: emailSchema.optional() })
  .refine((v) => v.name !== undefined || v.email !== undefined, { error: 'Nada para atualizar.' });

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, { error: 'Informe a senha atual.' }).max(1024),
  newPassword: passwordSchema,
});

export const updateTenantInput = z.object({
  name: personNameSchema.optional(),
  timezone: timeZoneSchema.optional(),
  settings: tenantSettingsSchema.partial().optional(),
  logoFileId: idSchema.nullable().optional(),
});
export type UpdateTenantInput = z.infer<typeof updateTenantInput>;

/** Claims of the access token: who, which tenant, which role, and which refresh family (session). */
export const accessTokenClaimsSchema = z.object({
  sub: idSchema,
  tid: idSchema,
  role: roleSchema,
  sid: idSchema,
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;
