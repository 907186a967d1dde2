import type { Permission } from "@syncstore/auth/permissions";
import {
  BarChart3Icon,
  BellIcon,
  BoxesIcon,
  FileSpreadsheetIcon,
  GitCompareIcon,
  HomeIcon,
  PackageIcon,
  ReceiptIcon,
  RefreshCwIcon,
  ScrollTextIcon,
  SettingsIcon,
  StoreIcon,
  UsersIcon,
  WebhookIcon,
  type LucideIcon,
} from "lucide-react";

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  permission: Permission | null;
  /** A live count shown beside the label. */
  badge?: "conflicts";
};

/** Only pages that exist. A page the role cannot use is not listed (the page still refuses). */
export const navItems: NavItem[] = [
  { href: "/", label: "Home", icon: HomeIcon, permission: null },
  { href: "/products", label: "Products", icon: PackageIcon, permission: "catalog:read" },
  { href: "/inventory", label: "Inventory", icon: BoxesIcon, permission: "inventory:read" },
  { href: "/orders", label: "Orders", icon: ReceiptIcon, permission: "order:read" },
  { href: "/channels", label: "Channels", icon: StoreIcon, permission: "channel:read" },
  { href: "/sync", label: "Sync", icon: RefreshCwIcon, permission: "sync:read" },
  { href: "/conflicts", label: "Conflicts", icon: GitCompareIcon, permission: "conflict:read", badge: "conflicts" },
  { href: "/alerts", label: "Alerts", icon: BellIcon, permission: "alert:read" },
  { href: "/webhooks", label: "Webhooks", icon: WebhookIcon, permission: "webhook:read" },
  { href: "/analytics", label: "Analytics", icon: BarChart3Icon, permission: "report:read" },
  { href: "/reports", label: "Reports", icon: FileSpreadsheetIcon, permission: "report:read" },
  { href: "/team", label: "Team", icon: UsersIcon, permission: "member:read" },
  { href: "/audit", label: "Audit log", icon: ScrollTextIcon, permission: "audit:read" },
  { href: "/settings", label: "Settings", icon: SettingsIcon, permission: null },
];

export function visibleNavItems(permissions: readonly string[]): NavItem[] {
  return navItems.filter((item) => item.permission === null || permissions.includes(item.permission));
}

export function isActivePath(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
