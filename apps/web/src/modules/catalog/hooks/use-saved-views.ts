"use client";

import { useCallback } from "react";
import { toast } from "sonner";
import { formatErrorForToast } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc/types";

export type SavedView = RouterOutputs["catalog"]["views"]["list"][number];
export type ViewState = RouterInputs["catalog"]["views"]["save"]["state"];

/** Named filter views of the signed-in user (`catalog.views.*`). */
export function useSavedViews() {
  const utils = trpc.useUtils();
  const views = trpc.catalog.views.list.useQuery();
  const saveMutation = trpc.catalog.views.save.useMutation({
    onSuccess: () => utils.catalog.views.list.invalidate(),
    onError: (error) => toast.error(`Could not save the view. ${formatErrorForToast(error)}`),
  });
  const deleteMutation = trpc.catalog.views.delete.useMutation({
    onSuccess: () => utils.catalog.views.list.invalidate(),
    onError: (error) => toast.error(`Could not delete the view. ${formatErrorForToast(error)}`),
  });
  const { mutateAsync: saveAsync } = saveMutation;
  const { mutate: remove } = deleteMutation;

  const saveView = useCallback(
    async (name: string, state: ViewState, id?: string) => {
      await saveAsync({ name, state, id });
      toast.success(`View "${name}" saved`);
    },
    [saveAsync],
  );
  const deleteView = useCallback((id: string) => remove({ id }), [remove]);

  return { views: views.data ?? [], isLoading: views.isPending, saveView, deleteView, saving: saveMutation.isPending };
}
