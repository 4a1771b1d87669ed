// core/v1 Volume and its sources (k8s.io/api v0.33.9 core/v1/generated.proto; docs/kubernetes-behaviour.md §25.1).
// Sources KubeSchemas keeps as sent (the deprecated and vendor ones) have empty schemas: an object
// holding one is answered in JSON.
extension ProtobufSchemas {
    /// `HostPathVolumeSource`.
    static let hostPathVolumeSource = ProtobufMessageSchema(
        "HostPathVolumeSource",
        [
            ProtobufField(1, "path", .string, .always),
            ProtobufField(2, "type", .string, .optional),
        ])

    /// `EmptyDirVolumeSource`.
    static let emptyDirVolumeSource = ProtobufMessageSchema(
        "EmptyDirVolumeSource",
        [
            ProtobufField(1, "medium", .string, .omitEmpty),
            ProtobufField(2, "sizeLimit", .quantity, .optional),
        ])

    /// `GCEPersistentDiskVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let gCEPersistentDiskVolumeSource = ProtobufMessageSchema("GCEPersistentDiskVolumeSource", [])

    /// `AWSElasticBlockStoreVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let aWSElasticBlockStoreVolumeSource = ProtobufMessageSchema("AWSElasticBlockStoreVolumeSource", [])

    /// `GitRepoVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let gitRepoVolumeSource = ProtobufMessageSchema("GitRepoVolumeSource", [])

    /// `KeyToPath`.
    static let keyToPath = ProtobufMessageSchema(
        "KeyToPath",
        [
            ProtobufField(1, "key", .string, .always),
            ProtobufField(2, "path", .string, .always),
            ProtobufField(3, "mode", .int32, .optional),
        ])

    /// `SecretVolumeSource`.
    static let secretVolumeSource = ProtobufMessageSchema(
        "SecretVolumeSource",
        [
            ProtobufField(1, "secretName", .string, .omitEmpty),
            ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
            ProtobufField(3, "defaultMode", .int32, .optional),
            ProtobufField(4, "optional", .bool, .optional),
        ])

    /// `NFSVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let nFSVolumeSource = ProtobufMessageSchema("NFSVolumeSource", [])

    /// `ISCSIVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let iSCSIVolumeSource = ProtobufMessageSchema("ISCSIVolumeSource", [])

    /// `GlusterfsVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let glusterfsVolumeSource = ProtobufMessageSchema("GlusterfsVolumeSource", [])

    /// `PersistentVolumeClaimVolumeSource`.
    static let persistentVolumeClaimVolumeSource = ProtobufMessageSchema(
        "PersistentVolumeClaimVolumeSource",
        [
            ProtobufField(1, "claimName", .string, .always),
            ProtobufField(2, "readOnly", .bool, .omitEmpty),
        ])

    /// `RBDVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let rBDVolumeSource = ProtobufMessageSchema("RBDVolumeSource", [])

    /// `FlexVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let flexVolumeSource = ProtobufMessageSchema("FlexVolumeSource", [])

    /// `CinderVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let cinderVolumeSource = ProtobufMessageSchema("CinderVolumeSource", [])

    /// `CephFSVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let cephFSVolumeSource = ProtobufMessageSchema("CephFSVolumeSource", [])

    /// `FlockerVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let flockerVolumeSource = ProtobufMessageSchema("FlockerVolumeSource", [])

    /// `ObjectFieldSelector`.
    static let objectFieldSelector = ProtobufMessageSchema(
        "ObjectFieldSelector",
        [
            ProtobufField(1, "apiVersion", .string, .omitEmpty),
            ProtobufField(2, "fieldPath", .string, .always),
        ])

    /// `ResourceFieldSelector`.
    static let resourceFieldSelector = ProtobufMessageSchema(
        "ResourceFieldSelector",
        [
            ProtobufField(1, "containerName", .string, .omitEmpty),
            ProtobufField(2, "resource", .string, .always),
            ProtobufField(3, "divisor", .quantity, .always),
        ])

    /// `DownwardAPIVolumeFile`.
    static let downwardAPIVolumeFile = ProtobufMessageSchema(
        "DownwardAPIVolumeFile",
        [
            ProtobufField(1, "path", .string, .always),
            ProtobufField(2, "fieldRef", .message(objectFieldSelector), .optional),
            ProtobufField(3, "resourceFieldRef", .message(resourceFieldSelector), .optional),
            ProtobufField(4, "mode", .int32, .optional),
        ])

    /// `DownwardAPIVolumeSource`.
    static let downwardAPIVolumeSource = ProtobufMessageSchema(
        "DownwardAPIVolumeSource",
        [
            ProtobufField(1, "items", .message(downwardAPIVolumeFile), repeated: true, .omitEmpty),
            ProtobufField(2, "defaultMode", .int32, .optional),
        ])

    /// `FCVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let fCVolumeSource = ProtobufMessageSchema("FCVolumeSource", [])

    /// `AzureFileVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let azureFileVolumeSource = ProtobufMessageSchema("AzureFileVolumeSource", [])

    /// `LocalObjectReference`.
    static let localObjectReference = ProtobufMessageSchema(
        "LocalObjectReference",
        [
            ProtobufField(1, "name", .string, .omitEmpty)
        ])

    /// `ConfigMapVolumeSource`.
    static let configMapVolumeSource = ProtobufMessageSchema(
        "ConfigMapVolumeSource",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
            ProtobufField(3, "defaultMode", .int32, .optional),
            ProtobufField(4, "optional", .bool, .optional),
        ])

    /// `VsphereVirtualDiskVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let vsphereVirtualDiskVolumeSource = ProtobufMessageSchema("VsphereVirtualDiskVolumeSource", [])

    /// `QuobyteVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let quobyteVolumeSource = ProtobufMessageSchema("QuobyteVolumeSource", [])

    /// `AzureDiskVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let azureDiskVolumeSource = ProtobufMessageSchema("AzureDiskVolumeSource", [])

    /// `PhotonPersistentDiskVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let photonPersistentDiskVolumeSource = ProtobufMessageSchema("PhotonPersistentDiskVolumeSource", [])

    /// `SecretProjection`.
    static let secretProjection = ProtobufMessageSchema(
        "SecretProjection",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
            ProtobufField(4, "optional", .bool, .optional),
        ])

    /// `DownwardAPIProjection`.
    static let downwardAPIProjection = ProtobufMessageSchema(
        "DownwardAPIProjection",
        [
            ProtobufField(1, "items", .message(downwardAPIVolumeFile), repeated: true, .omitEmpty)
        ])

    /// `ConfigMapProjection`.
    static let configMapProjection = ProtobufMessageSchema(
        "ConfigMapProjection",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
            ProtobufField(4, "optional", .bool, .optional),
        ])

    /// `ServiceAccountTokenProjection`.
    static let serviceAccountTokenProjection = ProtobufMessageSchema(
        "ServiceAccountTokenProjection",
        [
            ProtobufField(1, "audience", .string, .omitEmpty),
            ProtobufField(2, "expirationSeconds", .int64, .optional),
            ProtobufField(3, "path", .string, .always),
        ])

    /// `ClusterTrustBundleProjection`.
    static let clusterTrustBundleProjection = ProtobufMessageSchema(
        "ClusterTrustBundleProjection",
        [
            ProtobufField(1, "name", .string, .optional),
            ProtobufField(2, "signerName", .string, .optional),
            ProtobufField(3, "labelSelector", .message(labelSelector), .optional),
            ProtobufField(5, "optional", .bool, .optional),
            ProtobufField(4, "path", .string, .always),
        ])

    /// `PodCertificateProjection` (k8s.io/api v0.35 core/v1; docs/kubernetes-behaviour.md §24).
    static let podCertificateProjection = ProtobufMessageSchema(
        "PodCertificateProjection",
        [
            ProtobufField(1, "signerName", .string, .omitEmpty),
            ProtobufField(2, "keyType", .string, .omitEmpty),
            ProtobufField(3, "maxExpirationSeconds", .int32, .optional),
            ProtobufField(4, "credentialBundlePath", .string, .omitEmpty),
            ProtobufField(5, "keyPath", .string, .omitEmpty),
            ProtobufField(6, "certificateChainPath", .string, .omitEmpty),
            ProtobufField(7, "userAnnotations", .stringMap, .omitEmpty),
        ])

    /// `VolumeProjection`.
    static let volumeProjection = ProtobufMessageSchema(
        "VolumeProjection",
        [
            ProtobufField(1, "secret", .message(secretProjection), .optional),
            ProtobufField(2, "downwardAPI", .message(downwardAPIProjection), .optional),
            ProtobufField(3, "configMap", .message(configMapProjection), .optional),
            ProtobufField(4, "serviceAccountToken", .message(serviceAccountTokenProjection), .optional),
            ProtobufField(5, "clusterTrustBundle", .message(clusterTrustBundleProjection), .optional),
            ProtobufField(6, "podCertificate", .message(podCertificateProjection), .optional),
        ])

    /// `ProjectedVolumeSource`.
    static let projectedVolumeSource = ProtobufMessageSchema(
        "ProjectedVolumeSource",
        [
            ProtobufField(1, "sources", .message(volumeProjection), repeated: true, .nullable),
            ProtobufField(2, "defaultMode", .int32, .optional),
        ])

    /// `PortworxVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let portworxVolumeSource = ProtobufMessageSchema("PortworxVolumeSource", [])

    /// `ScaleIOVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let scaleIOVolumeSource = ProtobufMessageSchema("ScaleIOVolumeSource", [])

    /// `StorageOSVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let storageOSVolumeSource = ProtobufMessageSchema("StorageOSVolumeSource", [])

    /// `CSIVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let cSIVolumeSource = ProtobufMessageSchema("CSIVolumeSource", [])

    /// `EphemeralVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let ephemeralVolumeSource = ProtobufMessageSchema("EphemeralVolumeSource", [])

    /// `ImageVolumeSource` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let imageVolumeSource = ProtobufMessageSchema("ImageVolumeSource", [])

    /// `VolumeSource`.
    static let volumeSource = ProtobufMessageSchema(
        "VolumeSource",
        [
            ProtobufField(1, "hostPath", .message(hostPathVolumeSource), .optional),
            ProtobufField(2, "emptyDir", .message(emptyDirVolumeSource), .optional),
            ProtobufField(3, "gcePersistentDisk", .message(gCEPersistentDiskVolumeSource), .optional),
            ProtobufField(4, "awsElasticBlockStore", .message(aWSElasticBlockStoreVolumeSource), .optional),
            ProtobufField(5, "gitRepo", .message(gitRepoVolumeSource), .optional),
            ProtobufField(6, "secret", .message(secretVolumeSource), .optional),
            ProtobufField(7, "nfs", .message(nFSVolumeSource), .optional),
            ProtobufField(8, "iscsi", .message(iSCSIVolumeSource), .optional),
            ProtobufField(9, "glusterfs", .message(glusterfsVolumeSource), .optional),
            ProtobufField(10, "persistentVolumeClaim", .message(persistentVolumeClaimVolumeSource), .optional),
            ProtobufField(11, "rbd", .message(rBDVolumeSource), .optional),
            ProtobufField(12, "flexVolume", .message(flexVolumeSource), .optional),
            ProtobufField(13, "cinder", .message(cinderVolumeSource), .optional),
            ProtobufField(14, "cephfs", .message(cephFSVolumeSource), .optional),
            ProtobufField(15, "flocker", .message(flockerVolumeSource), .optional),
            ProtobufField(16, "downwardAPI", .message(downwardAPIVolumeSource), .optional),
            ProtobufField(17, "fc", .message(fCVolumeSource), .optional),
            ProtobufField(18, "azureFile", .message(azureFileVolumeSource), .optional),
            ProtobufField(19, "configMap", .message(configMapVolumeSource), .optional),
            ProtobufField(20, "vsphereVolume", .message(vsphereVirtualDiskVolumeSource), .optional),
            ProtobufField(21, "quobyte", .message(quobyteVolumeSource), .optional),
            ProtobufField(22, "azureDisk", .message(azureDiskVolumeSource), .optional),
            ProtobufField(23, "photonPersistentDisk", .message(photonPersistentDiskVolumeSource), .optional),
            ProtobufField(26, "projected", .message(projectedVolumeSource), .optional),
            ProtobufField(24, "portworxVolume", .message(portworxVolumeSource), .optional),
            ProtobufField(25, "scaleIO", .message(scaleIOVolumeSource), .optional),
            ProtobufField(27, "storageos", .message(storageOSVolumeSource), .optional),
            ProtobufField(28, "csi", .message(cSIVolumeSource), .optional),
            ProtobufField(29, "ephemeral", .message(ephemeralVolumeSource), .optional),
            ProtobufField(30, "image", .message(imageVolumeSource), .optional),
        ])

    /// `Volume`.
    static let volume = ProtobufMessageSchema(
        "Volume",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "volumeSource", .inline(volumeSource), .always),
        ])
}
