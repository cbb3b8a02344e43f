import { tenantSchema, updateTenantInput } from '@agenda-cheia/contracts';
import { protectedProcedure, roleProcedure, router } from '../init';

export const tenantRouter = router({
  get: protectedProcedure.output(tenantSchema).query(({ ctx }) => ctx.services.tenants.get(ctx.actor)),

  update: roleProcedure('owner', 'admin')
    .input(updateTenantInput)
    .output(tenantSchema)
    .mutation(({ ctx, input }) => ctx.services.tenants.update(ctx.actor, input)),
});
