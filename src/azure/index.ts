// The Azure stage as main.ts sees it: sign in with GitHub OIDC and turn the cluster's credentials into a kubeconfig.
export { connectToCluster, type ClusterConnection, type ClusterRoute } from './connect.js';
