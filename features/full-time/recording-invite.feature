@full-time
Feature: The recording INVITE carries every recording parameter
  The SUT opens each recording as one SIP session to the Media Server whose INVITE names the party
  side's DN, the tenant and the recording service in its Request-URI, carries the ConnectionID,
  Record-Side, agent and partitions in X-Genesys-* headers (dest and record id only when asked for),
  and offers two sendonly m-lines labelled 1 and 2 with PCMU and PCMA.

  @MS-01
  Scenario: A dynamic recording's INVITE carries the requested partitions and the logged-in agent
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    And the agent "agent-login-unrecorded" is logged in on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START with partitions ' sales, ,eu '
    And they talk for 1 second
    And the caller hangs up
    Then every recording INVITE carried the gir-msml parameters of a dynamic source recording of the call
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up
