/// Replies recorded from dockerd 20.10.24 (API 1.41), trimmed where marked.
public enum Recorded {
    /// `GET /version`.
    public static let version =
        #"{"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41","Arch":"amd64","BuildTime":"2026-05-07T21:09:36.000000000+00:00","Experimental":"false","GitCommit":"5d6db84","GoVersion":"go1.19.8","KernelVersion":"6.18.44-fc-v657","MinAPIVersion":"1.12","Os":"linux"}},{"Name":"containerd","Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+deb12u3"}},{"Name":"runc","Version":"1.1.5+ds1","Details":{"GitCommit":"1.1.5+ds1-1+deb12u1"}},{"Name":"docker-init","Version":"0.19.0","Details":{"GitCommit":""}}],"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.18.44-fc-v657","BuildTime":"2026-05-07T21:09:36.000000000+00:00"}"#

    /// `GET /containers/oc-rec2/json` of a created container (paths, GraphDriver, NetworkSettings and
    /// most HostConfig defaults removed).
    public static let inspectCreated =
        #"{"Id":"0943826aaac8e81bf2ca359ba9afb9530c900d86a7382104d9389d83fbf985b8","Created":"2026-11-30T01:51:41.212134043Z","Path":"sleep","Args":["100"],"State":{"Status":"created","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":0,"Error":"","StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z"},"Image":"sha256:356b1e87d5773d1c260d0b567b3bb890d6b608df02ad1fe48b6c51204fdef5a0","Name":"/oc-rec2","RestartCount":0,"Driver":"overlay2","Platform":"linux","MountLabel":"","ProcessLabel":"","AppArmorProfile":"","ExecIDs":null,"HostConfig":{"Binds":["/etc/hosts:/etc/hosts:ro","oc_rec_vol:/var/lib/kolla"],"NetworkMode":"host","RestartPolicy":{"Name":"no","MaximumRetryCount":0},"VolumesFrom":null,"CapAdd":["CAP_NET_ADMIN"],"CapDrop":null,"CgroupnsMode":"host","GroupAdd":null,"IpcMode":"private","PidMode":"","Privileged":false,"SecurityOpt":null,"Memory":0,"CpusetCpus":"","Ulimits":[{"Name":"nofile","Hard":2048,"Soft":1024}]},"Mounts":[{"Type":"bind","Source":"/etc/hosts","Destination":"/etc/hosts","Mode":"ro","RW":false,"Propagation":"rprivate"},{"Type":"volume","Name":"oc_rec_vol","Source":"/var/lib/docker/volumes/oc_rec_vol/_data","Destination":"/var/lib/kolla","Driver":"local","Mode":"z","RW":true,"Propagation":""}],"Config":{"Hostname":"vm","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS","PATH=/bin"],"Cmd":["sleep","100"],"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Timeout":30000000000,"StartPeriod":5000000000,"Retries":3},"Image":"overcloud-test/busybox:1","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"kolla_version":"1"}}}"#

    /// `GET /containers/x/json` for an absent container (404).
    public static let noSuchContainer = #"{"message":"No such container: nope"}"#

    /// `POST /containers/create?name=oc-rec` when the name is taken (409).
    public static let nameInUse =
        #"{"message":"Conflict. The container name \"/oc-rec\" is already in use by container \"b3318a9c08c804a780d0755ccb6776266ff68c8bfd9e07428f1f9a96c822677f\". You have to remove (or rename) that container to be able to reuse that name."}"#

    /// `POST /images/create?fromImage=127.0.0.1:1/nope&tag=1` (500, before any streaming).
    public static let pullRefused = #"{"message":"Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"}"#

    /// `GET /containers/oc-rec/logs?stdout=1&stderr=1` for `echo out; echo err >&2` (multiplexed).
    public static let logs: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 4] + Array("out\n".utf8) + [2, 0, 0, 0, 0, 0, 0, 4] + Array("err\n".utf8)

    /// Podman 4.3.1 compat API: `POST /containers/create?name=oc-x` when the name is taken (500, not 409).
    public static let podmanNameInUse =
        #"{"cause":"that name is already in use","message":"container create: creating container storage: the container name \"oc-x\" is already in use by b516. You have to remove that container to be able to reuse that name: that name is already in use","response":500}"#

    /// Podman 4.3.1: `GET /containers/nope/json` (404, with `cause` and `response`).
    public static let podmanNoSuchContainer =
        #"{"cause":"no such container","message":"no container with name or ID \"nope\" found: no such container","response":404}"#

    /// Podman 4.3.1: `POST /images/create?fromImage=127.0.0.1:1/nope&tag=1` answers 200 and reports the failure in the stream.
    public static let podmanPullRefused =
        #"{"progressDetail":{},"errorDetail":{"message":"initializing source docker://127.0.0.1:1/nope:1: pinging container registry 127.0.0.1:1: Get \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"},"error":"initializing source docker://127.0.0.1:1/nope:1: pinging container registry 127.0.0.1:1: Get \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"}"#
        + "\n"
}
