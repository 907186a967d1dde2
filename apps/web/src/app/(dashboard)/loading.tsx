import { PageSkeleton } from "@/components/common/page-skeleton";

export default function DashboardLoading() {
  return <PageSkeleton />;
}
