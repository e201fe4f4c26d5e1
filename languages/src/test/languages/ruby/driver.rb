# Runs scenarios through the generated Ruby client (typhoeus), as a Ruby tool would call it
# (src/test/languages/README.md).
require 'json'
require 'fileutils'
require 'uri'
require 'logger'
require 'remote_cache_client'

class CannotExpress < StandardError; end

EVENT_PROPERTIES = { 'sessionId' => :session_id, 'source' => :source, 'event' => :event,
                     'hash' => :artifact_hash, 'duration' => :duration }.freeze
PARAMETERS = { 'x-artifact-client-ci' => :x_artifact_client_ci,
               'x-artifact-client-interactive' => :x_artifact_client_interactive,
               'teamId' => :team_id, 'slug' => :slug }.freeze

def api(base_url, token)
  config = RemoteCacheClient::Configuration.new
  uri = URI(base_url)
  config.scheme = uri.scheme
  config.host = "#{uri.host}:#{uri.port}"
  config.base_path = ''
  config.access_token = token
  config.logger = Logger.new($stderr) # the client logs where it put a download; stdout is for answers
  config.server_index = nil
  RemoteCacheClient::ArtifactsApi.new(RemoteCacheClient::ApiClient.new(config))
end

# Fills in the typed model from the scenario's JSON, as a caller would; its setters check enums and patterns.
def event(json)
  unknown = json.keys - EVENT_PROPERTIES.keys
  raise CannotExpress, "CacheUsageEvent has no attribute #{unknown.join(', ')}" unless unknown.empty?
  RemoteCacheClient::CacheUsageEvent.new(json.to_h { |k, v| [EVENT_PROPERTIES.fetch(k), v] })
rescue ArgumentError => e
  raise CannotExpress, "CacheUsageEvent refuses it: #{e.message}"
end

def record(scenario, base_url)
  request = scenario['request']
  events = request['events'].map { |e| event(e) }
  opts = {}
  request.fetch('headers', {}).merge(request.fetch('query', {})).each do |name, value|
    raise CannotExpress, "record_events has no option for #{name}" unless PARAMETERS.key?(name)
    opts[PARAMETERS[name]] = value
  end
  begin
    api(base_url, scenario['token']).record_events(events, opts)
  rescue ArgumentError => e # the client's own checks of the parameters, before anything is sent
    raise CannotExpress, "record_events refuses it: #{e.message}"
  end
  { outcome: 'accepted' }
rescue CannotExpress => e
  { outcome: 'cannotExpress', reason: e.message }
rescue RemoteCacheClient::ApiError => e
  error = RemoteCacheClient::ErrorResponse.build_from_hash(JSON.parse(e.response_body, symbolize_names: true))
  { outcome: 'rejected', status: e.code, clientMessage: e.message, error: error.to_hash }
end

def round_trip(artifact, base_url)
  artifacts = api(base_url, artifact['token'])
  hash = artifact['hash']
  artifacts.upload_artifact(hash, File.binread(artifact['upload']), x_artifact_duration: 178)
  artifacts.artifact_exists(hash)
  missing_exists = begin
    artifacts.artifact_exists(artifact['missingHash'])
    true
  rescue RemoteCacheClient::ApiError => e
    raise unless e.code == 404
    false
  end
  file = artifacts.download_artifact(hash)
  FileUtils.cp(file.path, artifact['download'])
  { outcome: 'roundTrip', exists: true, missingExists: missing_exists }
end

base_url = ARGV.fetch(0)
$stdout.sync = true
$stdin.each_line do |line|
  next if line.strip.empty?
  command = JSON.parse(line)
  answer = begin
    command.key?('scenario') ? record(command['scenario'], base_url) : round_trip(command['artifact'], base_url)
  rescue StandardError => e
    { outcome: 'failed', clientMessage: "#{e.class}: #{e.message}" }
  end
  puts JSON.generate(answer)
end
