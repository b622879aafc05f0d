import { PageFrame } from "@/components/page-frame";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return <PageFrame>{children}</PageFrame>;
}
