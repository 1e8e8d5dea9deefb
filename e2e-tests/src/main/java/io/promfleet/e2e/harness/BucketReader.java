package io.promfleet.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The pipeline's bucket, read with the MinIO Java client: the Thanos blocks in it and their meta.json. */
public final class BucketReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A block's meta.json, the parts the tests look at. */
    public record BlockMeta(String ulid, String source, Map<String, String> labels, long minTime, long maxTime,
                            long numSamples, JsonNode raw) {
    }

    private final MinioClient client;
    private final String bucket;

    public BucketReader(URI endpoint, String accessKey, String secretKey, String bucket) {
        this.client = MinioClient.builder().endpoint(endpoint.toString()).credentials(accessKey, secretKey).build();
        this.bucket = bucket;
    }

    public void createBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create bucket " + bucket + ": " + e, e);
        }
    }

    public List<String> objectNames() {
        List<String> names = new ArrayList<>();
        try {
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                names.add(r.get().objectName());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list bucket " + bucket + ": " + e, e);
        }
        return names;
    }

    /** Every block with a meta.json (Thanos uploads meta.json last, so these are complete uploads). */
    public List<BlockMeta> blocks() {
        List<BlockMeta> out = new ArrayList<>();
        for (String name : objectNames()) {
            if (!name.endsWith("/meta.json") || name.indexOf('/') != name.length() - "/meta.json".length()) {
                continue;
            }
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(name).build())) {
                JsonNode meta = JSON.readTree(in);
                Map<String, String> labels = new TreeMap<>();
                meta.path("thanos").path("labels").fields()
                        .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                out.add(new BlockMeta(meta.path("ulid").asText(), meta.path("thanos").path("source").asText(), labels,
                        meta.path("minTime").asLong(), meta.path("maxTime").asLong(),
                        meta.path("stats").path("numSamples").asLong(), meta));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + name + ": " + e, e);
            }
        }
        return out;
    }
}
