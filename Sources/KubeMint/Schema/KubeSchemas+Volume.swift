// core/v1 Volume with every volume source upstream 1.33 has; the sources the kubelet emulation
// reads (projected, secret, configMap, downwardAPI) and the common ones with their fields.
extension KubeSchemas {
    /// `KeyToPath`.
    static let keyToPath = ObjectSchema(
        core + "KeyToPath", "Maps a key to a file path in the volume.",
        [
            SchemaField("key", .text, "The key.", required: true),
            SchemaField("path", .text, "The relative file path; no '..' element.", required: true),
            SchemaField("mode", .int32, "The file's permission bits; defaultMode otherwise."),
        ])

    /// `DownwardAPIVolumeFile`.
    static let downwardAPIVolumeFile = ObjectSchema(
        core + "DownwardAPIVolumeFile", "A file holding a field or resource of the pod.",
        [
            SchemaField("path", .text, "The relative file path; no '..' element.", required: true),
            SchemaField("fieldRef", .object(objectFieldSelector), "A field of the pod."),
            SchemaField("resourceFieldRef", .object(resourceFieldSelector), "A resource of a container."),
            SchemaField("mode", .int32, "The file's permission bits."),
        ])

    /// The `items` field of secret, config map and downward API sources.
    static func items(_ element: ObjectSchema, _ what: String) -> SchemaField {
        SchemaField("items", .atomicList(element), what)
    }

    /// `SecretProjection` or `ConfigMapProjection`.
    static func namedProjection(_ name: String, _ of: String) -> ObjectSchema {
        ObjectSchema(
            core + name, "Projects the keys of a \(of) into a projected volume.",
            [
                SchemaField("name", .text, "Name of the \(of)."),
                items(keyToPath, "Which keys become which files; all keys by default."),
                SchemaField("optional", .boolean, "Whether the \(of) or its keys may be missing."),
            ])
    }

    /// `ServiceAccountTokenProjection`.
    static let serviceAccountTokenProjection = ObjectSchema(
        core + "ServiceAccountTokenProjection", "A bound service-account token the kubelet keeps fresh in a file.",
        [
            SchemaField("audience", .text, "The token's audience; the API server's by default."),
            SchemaField("expirationSeconds", .int64, "Requested lifetime; at least 600, 3600 by default."),
            SchemaField("path", .text, "The relative file path.", required: true),
        ])

    /// `VolumeProjection`.
    static let volumeProjection = ObjectSchema(
        core + "VolumeProjection", "One source of a projected volume.",
        [
            SchemaField("secret", .object(namedProjection("SecretProjection", "secret")), "Keys of a secret."),
            SchemaField(
                "downwardAPI",
                .object(
                    ObjectSchema(
                        core + "DownwardAPIProjection", "Fields of the pod, as files.",
                        [items(downwardAPIVolumeFile, "The files.")])), "Fields of the pod."),
            SchemaField(
                "configMap", .object(namedProjection("ConfigMapProjection", "config map")), "Keys of a config map."),
            SchemaField("serviceAccountToken", .object(serviceAccountTokenProjection), "A service-account token."),
            SchemaField(
                "clusterTrustBundle",
                .object(
                    ObjectSchema(
                        core + "ClusterTrustBundleProjection", "Certificates of ClusterTrustBundles, as one file.",
                        [
                            SchemaField("name", .text, "A bundle by name."),
                            SchemaField("signerName", .text, "Bundles of this signer."),
                            SchemaField("labelSelector", .object(labelSelector), "Bundles with these labels."),
                            SchemaField("optional", .boolean, "Whether no bundle may match."),
                            SchemaField("path", .text, "The relative file path.", required: true),
                        ])), "A trust bundle."),
            SchemaField(
                "podCertificate",
                .object(
                    ObjectSchema(
                        core + "PodCertificateProjection",
                        "A key the kubelet makes and a certificate a signer issues for it (docs/kubernetes-behaviour.md §24.5).",
                        [
                            SchemaField("signerName", .text, "The signer the kubelet asks.", required: true),
                            SchemaField(
                                "keyType", .text, "RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.",
                                required: true),
                            SchemaField(
                                "maxExpirationSeconds", .int32, "The longest lifetime the certificate may have."),
                            SchemaField("credentialBundlePath", .text, "One file: the PKCS#8 key, then the chain."),
                            SchemaField("keyPath", .text, "The key's file."),
                            SchemaField("certificateChainPath", .text, "The chain's file."),
                            SchemaField(
                                "userAnnotations", .stringMap, "Copied into the request's unverifiedUserAnnotations."),
                        ])), "A pod certificate."),
        ])

    /// `VolumeSource`'s members, upstream's order.
    static let volumeSources: [SchemaField] = [
        SchemaField(
            "hostPath",
            .object(
                ObjectSchema(
                    core + "HostPathVolumeSource", "A file or directory of the node.",
                    [
                        SchemaField("path", .text, "The path on the node.", required: true),
                        SchemaField("type", .text, "What must be at the path, such as Directory."),
                    ])), "A path on the node."),
        SchemaField(
            "emptyDir",
            .object(
                ObjectSchema(
                    core + "EmptyDirVolumeSource", "A directory that lives as long as the pod.",
                    [
                        SchemaField("medium", .text, "Empty for the node's disk, Memory for tmpfs."),
                        SchemaField("sizeLimit", .quantity, "The most the directory may hold."),
                    ])), "A temporary directory."),
        SchemaField(
            "gcePersistentDisk", .object(unlisted("GCEPersistentDiskVolumeSource", "Deprecated: a GCE disk.")),
            "Deprecated."),
        SchemaField(
            "awsElasticBlockStore", .object(unlisted("AWSElasticBlockStoreVolumeSource", "Deprecated: an EBS volume.")),
            "Deprecated."),
        SchemaField("gitRepo", .object(unlisted("GitRepoVolumeSource", "Deprecated: a git checkout.")), "Deprecated."),
        SchemaField(
            "secret",
            .object(
                ObjectSchema(
                    core + "SecretVolumeSource", "The keys of a secret, as files.",
                    [
                        SchemaField("secretName", .text, "Name of the secret."),
                        items(keyToPath, "Which keys become which files; all keys by default."),
                        SchemaField("defaultMode", .int32, "Permission bits of the files; 0644 by default."),
                        SchemaField("optional", .boolean, "Whether the secret or its keys may be missing."),
                    ])), "A secret."),
        SchemaField("nfs", .object(unlisted("NFSVolumeSource", "An NFS export.")), "An NFS export."),
        SchemaField("iscsi", .object(unlisted("ISCSIVolumeSource", "An iSCSI disk.")), "An iSCSI disk."),
        SchemaField(
            "glusterfs", .object(unlisted("GlusterfsVolumeSource", "Deprecated: a Glusterfs mount.")), "Deprecated."),
        SchemaField(
            "persistentVolumeClaim",
            .object(
                ObjectSchema(
                    core + "PersistentVolumeClaimVolumeSource", "The volume bound to a claim in the namespace.",
                    [
                        SchemaField("claimName", .text, "Name of the claim.", required: true),
                        SchemaField("readOnly", .boolean, "Mount read-only."),
                    ])), "A persistent volume claim."),
        SchemaField("rbd", .object(unlisted("RBDVolumeSource", "Deprecated: a Rados block device.")), "Deprecated."),
        SchemaField(
            "flexVolume", .object(unlisted("FlexVolumeSource", "Deprecated: a FlexVolume driver.")), "Deprecated."),
        SchemaField("cinder", .object(unlisted("CinderVolumeSource", "Deprecated: a Cinder volume.")), "Deprecated."),
        SchemaField("cephfs", .object(unlisted("CephFSVolumeSource", "Deprecated: a CephFS mount.")), "Deprecated."),
        SchemaField(
            "flocker", .object(unlisted("FlockerVolumeSource", "Deprecated: a Flocker dataset.")), "Deprecated."),
        SchemaField(
            "downwardAPI",
            .object(
                ObjectSchema(
                    core + "DownwardAPIVolumeSource", "Fields of the pod, as files.",
                    [
                        items(downwardAPIVolumeFile, "The files."),
                        SchemaField("defaultMode", .int32, "Permission bits of the files; 0644 by default."),
                    ])), "Fields of the pod."),
        SchemaField("fc", .object(unlisted("FCVolumeSource", "A Fibre Channel disk.")), "A Fibre Channel disk."),
        SchemaField(
            "azureFile", .object(unlisted("AzureFileVolumeSource", "Deprecated: an Azure file share.")), "Deprecated."),
        SchemaField(
            "configMap",
            .object(
                ObjectSchema(
                    core + "ConfigMapVolumeSource", "The keys of a config map, as files.",
                    [
                        SchemaField("name", .text, "Name of the config map."),
                        items(keyToPath, "Which keys become which files; all keys by default."),
                        SchemaField("defaultMode", .int32, "Permission bits of the files; 0644 by default."),
                        SchemaField("optional", .boolean, "Whether the config map or its keys may be missing."),
                    ])), "A config map."),
        SchemaField(
            "vsphereVolume", .object(unlisted("VsphereVirtualDiskVolumeSource", "Deprecated: a vSphere disk.")),
            "Deprecated."),
        SchemaField("quobyte", .object(unlisted("QuobyteVolumeSource", "Deprecated: a Quobyte mount.")), "Deprecated."),
        SchemaField(
            "azureDisk", .object(unlisted("AzureDiskVolumeSource", "Deprecated: an Azure disk.")), "Deprecated."),
        SchemaField(
            "photonPersistentDisk", .object(unlisted("PhotonPersistentDiskVolumeSource", "Deprecated: a Photon disk.")),
            "Deprecated."),
        SchemaField(
            "projected",
            .object(
                ObjectSchema(
                    core + "ProjectedVolumeSource",
                    "Several sources in one directory; service-account tokens among them.",
                    [
                        SchemaField("sources", .atomicList(volumeProjection), "The sources."),
                        SchemaField("defaultMode", .int32, "Permission bits of the files; 0644 by default."),
                    ])), "Several sources in one directory."),
        SchemaField(
            "portworxVolume", .object(unlisted("PortworxVolumeSource", "Deprecated: a Portworx volume.")), "Deprecated."
        ),
        SchemaField(
            "scaleIO", .object(unlisted("ScaleIOVolumeSource", "Deprecated: a ScaleIO volume.")), "Deprecated."),
        SchemaField(
            "storageos", .object(unlisted("StorageOSVolumeSource", "Deprecated: a StorageOS volume.")), "Deprecated."),
        SchemaField(
            "csi", .object(unlisted("CSIVolumeSource", "An ephemeral volume of a CSI driver.")), "A CSI volume."),
        SchemaField(
            "ephemeral", .object(unlisted("EphemeralVolumeSource", "A volume claimed for the pod's lifetime.")),
            "A generic ephemeral volume."),
        SchemaField(
            "image", .object(unlisted("ImageVolumeSource", "An OCI image or artifact, read-only.")), "An image."),
    ]

    /// `Volume`: a name and one source (Go embeds `VolumeSource`, so its members are the volume's).
    static let volume = ObjectSchema(
        core + "Volume", "A named volume the pod's containers can mount.",
        [SchemaField("name", .text, "The volume's name, a DNS label unique in the pod.", required: true)]
            + volumeSources)
}
